/** Types shared by the engine (worker and CLI) and the UI. Arrays are 0-based; dims are explicit. */

export type Backend = 'wasm' | 'webgpu';
export type BackendPreference = Backend | 'auto';
export type ModelDtype = 'fp32' | 'fp16' | 'q8';

/** Where model files come from. One instrumentation path serves all of them. */
export type ModelSource =
  | { kind: 'hub'; id: string; revision?: string }
  | { kind: 'url'; base: string; label?: string }
  | { kind: 'files'; name: string; files: Record<string, Blob> }
  | { kind: 'dir'; path: string };

export interface FileProgress {
  file: string;
  loaded: number;
  /** Bytes expected; 0 when the server did not say. */
  total: number;
  done: boolean;
  fromCache: boolean;
}

export interface LoadOptions {
  backend?: BackendPreference;
  dtype?: ModelDtype;
}

export interface ModelInfo {
  label: string;
  modelType: string;
  layers: number;
  heads: number;
  hidden: number;
  vocabSize: number;
  maxTokens: number;
  hasMlmHead: boolean;
  hasHiddenStates: boolean;
  backend: Backend;
  dtype: ModelDtype;
  modelFile: string;
  /** Plain-language remarks about the load, e.g. a WebGPU fallback. */
  notices: string[];
  /** Which load of the engine this is; every result of this model carries the same id. */
  loadId?: number;
}

/** A head, 0-based (people read it 1-based: layer 8, head 10 is "head 8-10"). */
export interface HeadRef {
  layer: number;
  head: number;
}

export interface RunInput {
  text: string;
  pair?: string;
  /** How many predictions to return at each [MASK]. */
  topK?: number;
  /** Heads switched off inside the model (their attention probabilities multiplied by 0). */
  ablate?: HeadRef[];
  /** Words whose probability to report at every [MASK] (e.g. "is" and "are"). */
  pinned?: string[];
}

export interface PinnedScore {
  word: string;
  /** The vocabulary id, or null when the word is not a single token of this vocabulary. */
  id: number | null;
  prob: number | null;
  rank: number | null;
  /** Why there is no score, in words. */
  note?: string;
}

export interface TokenInfo {
  text: string;
  id: number;
  /** Index of the word this piece belongs to (Clark et al. 2019 merge), -1 for special tokens. */
  word: number;
  /** 0 for sentence A, 1 for sentence B. */
  segment: number;
  special: boolean;
}

export interface MaskPrediction {
  /** Token position of the [MASK] in the sequence. */
  position: number;
  tokens: string[];
  ids: number[];
  probs: number[];
  pinned: PinnedScore[];
}

export interface RunTimings {
  tokenizeMs: number;
  inferenceMs: number;
  extractMs: number;
}

export interface RunResult {
  requestId: number;
  tokens: TokenInfo[];
  /** [layers, heads, seq, seq], row-major; row i is the attention *from* token i. */
  attention: Float32Array;
  attentionDims: [number, number, number, number];
  /** [layers + 1, seq, hidden]: embeddings output, then each layer's output. Empty when unavailable. */
  hidden: Float32Array;
  hiddenDims: [number, number, number];
  predictions: MaskPrediction[];
  backend: Backend;
  timings: RunTimings;
  /** Tokens dropped to fit the model's maximum length (0 when nothing was cut). */
  truncatedTokens: number;
  /** The heads that were ablated in this run. */
  ablated: HeadRef[];
  notices: string[];
  /** The load id of the model that computed this result (ModelInfo.loadId). */
  loadId?: number;
}
