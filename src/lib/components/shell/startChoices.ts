/**
 * The start screen's three starting points, each an address the app opens exactly as it would
 * open a shared link. The offline one is the trained mini model that ships with the app.
 */
import { BUNDLED_MODELS, OFFLINE_MODEL } from '../../state/bundledModels';
import { DEFAULT_MODEL } from '../../state/lens.svelte';

export const OFFLINE_TITLE = `Open ${BUNDLED_MODELS[OFFLINE_MODEL].label} (offline)`;
export const OFFLINE_NOTE = `${BUNDLED_MODELS[OFFLINE_MODEL].note} It ships with the app and works without a network.`;

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
