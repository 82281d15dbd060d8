/** Types shared by the engine (worker and CLI) and the UI. Arrays are 0-based; dims are explicit. */
import type { ModelFamily } from './family';

export type { ModelFamily } from './family';

/** 'cpu' is onnxruntime-node's native CPU runtime (the CLI's default); the browser has wasm and webgpu. */
export type Backend = 'wasm' | 'webgpu' | 'cpu';
/** What a person can choose in the app ('cpu' is onnxruntime-node, the CLI's own). */
export type BackendPreference = Exclude<Backend, 'cpu'> | 'auto';
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
  /** How this model family writes its input: special tokens, mask, word boundaries, pair template. */
  family: ModelFamily;
  /** Plain-language remarks about the load, e.g. a WebGPU fallback. */
  notices: string[];
  /** Which backend the load settled on, and why, in one sentence ("Auto chose WASM: …"). */
  backendReason?: string;
  /** Where the load's time went, in ms (runtime download, compile, files, instrumentation, session). */
  loadTimings?: Record<string, number>;
  /** Which load of the engine this is; every result of this model carries the same id. */
  loadId?: number;
}

/** A head, 0-based (people read it 1-based: layer 8, head 10 is "head 8-10"). */
export interface HeadRef {
  layer: number;
  head: number;
}

/**
 * The tensors a run can return. 'values' (each head's value vectors) and 'qk' (queries and keys)
 * are part of the contract but not extracted by the engine yet: asking for them is an error that says so.
 */
export type TensorName = 'attention' | 'hidden' | 'values' | 'qk';

export const TENSOR_NAMES: readonly TensorName[] = ['attention', 'hidden', 'values', 'qk'];

/** The fields each tensor adds to a RunResult. */
export interface TensorFields {
  attention: {
    /** [layers, heads, seq, seq], row-major; row i is the attention *from* token i. */
    attention: Float32Array;
    attentionDims: [number, number, number, number];
  };
  hidden: {
    /** [layers + 1, seq, hidden]: embeddings output, then each layer's output. Empty when unavailable. */
    hidden: Float32Array;
    hiddenDims: [number, number, number];
  };
  values: {
    /** [layers, heads, seq, headDim]. */
    values: Float32Array;
    valuesDims: [number, number, number, number];
  };
  qk: {
    /** Each [layers, heads, seq, headDim]. */
    queries: Float32Array;
    keys: Float32Array;
    qkDims: [number, number, number, number];
  };
}

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The fields of the tensors named in T, and nothing else (none for a predictions-only run). */
export type TensorsOf<T extends TensorName> = [T] extends [never] ? unknown : Intersection<TensorFields[T]>;

export interface RunInput<T extends TensorName = 'attention'> {
  text: string;
  /**
   * The tensors to return; only these are extracted and sent back. Without it, attention only.
   * (Predictions at the mask are always returned when the text has one.)
   */
  outputs?: readonly T[];
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

/** What every run returns, whatever tensors it asked for. */
export interface RunBase {
  requestId: number;
  tokens: TokenInfo[];
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

/** A run's result: the common part and exactly the tensors asked for (attention when nothing was named). */
export type RunResult<T extends TensorName = 'attention'> = RunBase & TensorsOf<T>;
