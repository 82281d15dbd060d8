/**
 * The UI's handle on the engine worker. Every request gets an id; the worker drops runs that a
 * newer one has replaced, and callers ignore answers to anything but their latest request.
 */
import * as Comlink from 'comlink';
import type { EngineApi, Outcome } from '../../../workers/engine.worker';
import type {
  FileProgress,
  LoadOptions,
  ModelInfo,
  ModelSource,
  RunInput,
  RunResult,
} from '../../../workers/engine/types';

export class EngineClient {
  private worker: Worker;
  private api: Comlink.Remote<EngineApi>;
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module' });
    this.api = Comlink.wrap<EngineApi>(this.worker);
  }

  newRequestId(): number {
    return this.nextId++;
  }

  probe() {
    return this.api.probe();
  }

  load(source: ModelSource, options: LoadOptions, onProgress: (p: FileProgress) => void): Promise<Outcome<ModelInfo>> {
    return this.api.load(source, options, Comlink.proxy(onProgress));
  }

  run(requestId: number, input: RunInput): Promise<Outcome<RunResult>> {
    return this.api.run(requestId, input);
  }

  /** Runs in order and is never dropped for a newer request (sweeps, comparisons, probes). */
  runInOrder(input: RunInput): Promise<Outcome<RunResult>> {
    return this.api.runInOrder(input);
  }

  terminate(): void {
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
