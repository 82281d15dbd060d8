/**
 * The worker protocol: what the engine worker offers and how every answer comes back. The worker
 * implements it; the app's client wraps it with Comlink. Neither side imports the other.
 */
import type { EngineErrorInfo } from './errors';
import type {
  FileProgress,
  HeadRef,
  LoadOptions,
  ModelInfo,
  ModelSource,
  RunInput,
  RunResult,
  TensorName,
} from './types';

/** Every call answers with a value or an error a person can read; nothing throws across the boundary. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EngineErrorInfo };

export interface EngineProbe {
  webgpu: boolean;
  crossOriginIsolated: boolean;
  threads: number;
}

/**
 * A product or sum over heads and layers, computed in the engine's ONNX runtime. `runId` names the
 * latest `run` (the worker keeps its attention, so nothing crosses again); results made elsewhere
 * (benchmarks) send their `attention` along.
 */
export type AggregateRequest = (
  | {
      kind: 'rollout';
      /** Heads to average in each layer; a missing entry means all heads, an empty one none. */
      headsPerLayer: (number[] | undefined)[];
    }
  | { kind: 'mean'; heads: HeadRef[] }
) & {
  runId: number;
  attention?: Float32Array;
  dims: [number, number, number, number];
};

export interface AggregateResult {
  /** Rollout: [L, S, S], the rollout after each layer. Mean: [S, S]. */
  values: Float32Array;
  /** Time spent in the runtime, ms. */
  ms: number;
}

export interface EngineApi {
  probe(): Promise<EngineProbe>;
  load(
    source: ModelSource,
    options: LoadOptions,
    onProgress: (progress: FileProgress) => void,
  ): Promise<Outcome<ModelInfo>>;
  /** Stops the load under way (its downloads are aborted); a newer `load` does the same. */
  cancelLoad(): Promise<boolean>;
  /** A run that a newer `run` supersedes. */
  run<T extends TensorName = 'attention'>(requestId: number, input: RunInput<T>): Promise<Outcome<RunResult<T>>>;
  /** A run that no later request replaces: sweeps, comparisons and probe suites, one item at a time. */
  runInOrder<T extends TensorName = 'attention'>(input: RunInput<T>): Promise<Outcome<RunResult<T>>>;
  /** An aggregate over heads and layers of `runId`'s attention (error code 'superseded' when the worker no longer holds it). */
  aggregate(request: AggregateRequest): Promise<Outcome<AggregateResult>>;
  dispose(): Promise<void>;
}

/** The buffers of a result's tensors, to transfer (not copy) across the worker boundary: only those it holds. */
export function resultBuffers(result: object): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const value of Object.values(result)) {
    if (value instanceof Float32Array && value.byteLength > 0 && value.buffer instanceof ArrayBuffer) {
      if (!buffers.includes(value.buffer)) buffers.push(value.buffer);
    }
  }
  return buffers;
}
