/**
 * The worker protocol: what the engine worker offers and how every answer comes back. The worker
 * implements it; the app's client wraps it with Comlink. Neither side imports the other.
 */
import type { EngineErrorInfo } from './errors';
import type { FileProgress, LoadOptions, ModelInfo, ModelSource, RunInput, RunResult } from './types';

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
  /** Stops the load under way (its downloads are aborted); a newer `load` does the same. */
  cancelLoad(): Promise<boolean>;
  /** A run that a newer `run` supersedes. */
  run(requestId: number, input: RunInput): Promise<Outcome<RunResult>>;
  /** A run that no later request replaces: sweeps, comparisons and probe suites, one item at a time. */
  runInOrder(input: RunInput): Promise<Outcome<RunResult>>;
  dispose(): Promise<void>;
}
