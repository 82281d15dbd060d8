/**
 * The worker protocol: what the engine worker offers and how every answer comes back. The worker
 * implements it; the app's client wraps it with Comlink. Neither side imports the other.
 */
import type { EngineErrorInfo } from './errors';
import type { FileProgress, LoadOptions, ModelInfo, ModelSource, RunInput, RunResult, TensorName } from './types';

/** Every call answers with a value or an error a person can read; nothing throws across the boundary. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EngineErrorInfo };

export interface EngineProbe {
  webgpu: boolean;
  crossOriginIsolated: boolean;
  threads: number;
}

export interface EngineApi {
  probe(): Promise<EngineProbe>;
  load(
    source: ModelSource,
    options: LoadOptions,
    onProgress: (progress: FileProgress) => void,
  ): Promise<Outcome<ModelInfo>>;
  /** A run that a newer `run` supersedes. */
  run<T extends TensorName = 'attention'>(requestId: number, input: RunInput<T>): Promise<Outcome<RunResult<T>>>;
  /** A run that no later request replaces: sweeps, comparisons and probe suites, one item at a time. */
  runInOrder<T extends TensorName = 'attention'>(input: RunInput<T>): Promise<Outcome<RunResult<T>>>;
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
