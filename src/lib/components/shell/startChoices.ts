/**
 * The start screen's three starting points, each an address the app opens exactly as it would
 * open a shared link. The offline model is one constant: today the random-weight demo; the
 * trained mini model replaces it by changing OFFLINE_MODEL (and its two lines of text).
 */
import { DEFAULT_MODEL } from '../../state/lens.svelte';

export const OFFLINE_MODEL = 'demo';
export const OFFLINE_TITLE = 'Open the offline demo';
export const OFFLINE_NOTE =
  'A tiny BERT bundled with the app (4 layers × 4 heads, 1.5 MB): works without a network. Its weights are random, so it shows how the tool works, not what BERT does.';

export interface StartChoice {
  id: string;
  title: string;
  text: string;
  /** The address it opens (query string). */
  search: string;
  primary?: boolean;
}

const address = (section: string, model: string) => `?${new URLSearchParams({ section, model }).toString()}`;

export const START_CHOICES: readonly StartChoice[] = [
  {
    id: 'bert-base',
    title: 'Load BERT-base',
    text: `${DEFAULT_MODEL} from the Hugging Face Hub (downloaded once, then cached): 12 layers × 12 heads, the model the papers study.`,
    search: address('attention', DEFAULT_MODEL),
    primary: true,
  },
  {
    id: 'claims',
    title: 'Try the survey’s claims',
    text: 'Opens the Claims lab with BERT-base: [SEP] heads, syntax heads, the coreference head, measured on your machine.',
    search: address('claims', DEFAULT_MODEL),
  },
  {
    id: 'offline',
    title: OFFLINE_TITLE,
    text: OFFLINE_NOTE,
    search: address('attention', OFFLINE_MODEL),
  },
];
