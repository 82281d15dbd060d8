/**
 * The models that ship with the app, next to index.html under models/<id>/. `mini` is the small
 * BERT that training/ trains on the Brown corpus: the offline default. `demo` is a random-weight
 * test fixture (made by `npm run fixtures`): addresses that name it keep working, but the app
 * offers it to nobody.
 */
import type { ModelSource } from '../core/types';

export type BundledId = 'mini' | 'demo';

export interface BundledModel {
  id: BundledId;
  /** The model's name in the header and the status line. */
  label: string;
  /** What it is, in a sentence, wherever the app offers or shows it. */
  note: string;
  /** Its weights were trained: its attention means something. */
  trained: boolean;
}

export const BUNDLED_MODELS: Readonly<Record<BundledId, BundledModel>> = {
  mini: {
    id: 'mini',
    label: 'BERTology Lens mini',
    note: 'BERTology Lens mini: a 6-layer BERT trained on the Brown corpus; small, so expect weaker patterns than BERT-base.',
    trained: true,
  },
  demo: {
    id: 'demo',
    label: 'Demo model (random weights)',
    note: 'The random-weight test model: its attention means nothing.',
    trained: false,
  },
};

/** The model the app offers when there is no network, and falls back to when the Hub cannot be reached. */
export const OFFLINE_MODEL: BundledId = 'mini';

export function isBundledId(value: string): value is BundledId {
  return value === 'mini' || value === 'demo';
}

/** Where a bundled model is served: beside index.html, so any static host and base path work. */
export function bundledSource(id: BundledId, baseUri: string = document.baseURI): ModelSource {
  const base = `${baseUri.replace(/[^/]*$/, '')}models/${id}`;
  return { kind: 'url', base, label: BUNDLED_MODELS[id].label };
}
