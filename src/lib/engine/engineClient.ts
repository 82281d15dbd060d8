/**
 * The UI's handle on the engine worker. Every request gets an id; the worker drops runs that a
 * newer one has replaced, and callers ignore answers to anything but their latest request.
 * If the worker dies (an uncaught error, or the runtime aborting when memory runs out), every
 * pending call resolves to a 'worker-crashed' outcome and `onCrash` is told, so the app can
 * start a fresh worker without losing the user's text and settings.
 */
import * as Comlink from 'comlink';
import type { EngineErrorInfo } from '../core/errors';
import type { AggregateRequest, AggregateResult, EngineApi, Outcome } from '../core/protocol';
import type { FileProgress, LoadOptions, ModelInfo, ModelSource, RunInput, RunResult, TensorName } from '../core/types';

/** Messages with which WebAssembly runtimes report running out of memory: the instance is then unusable. */
const FATAL_MESSAGE = /out of memory|\bOOM\b|Aborted\(|memory access out of bounds|allocation failed/i;

export class EngineClient {
  private readonly worker: Worker;
  private readonly api: Comlink.Remote<EngineApi>;
  private nextId = 1;
  private crash: EngineErrorInfo | null = null;
  private readonly crashed: Promise<Outcome<never>>;

  constructor(onCrash: (error: EngineErrorInfo) => void = () => undefined) {
    this.worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module' });
    this.api = Comlink.wrap<EngineApi>(this.worker);
    this.crashed = new Promise((resolve) => {
      this.worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.markCrashed(event.message || 'an error the engine did not catch', resolve, onCrash);
      });
      this.fatal = (message) => this.markCrashed(message, resolve, onCrash);
    });
  }

  private fatal: (message: string) => void = () => undefined;

  private markCrashed(
    reason: string,
    resolve: (outcome: Outcome<never>) => void,
    onCrash: (error: EngineErrorInfo) => void,
  ): void {
    if (this.crash) return;
    this.crash = {
      code: 'worker-crashed',
      message: `The engine stopped unexpectedly (${reason.slice(0, 160)}); it was restarted.`,
      hint: 'Your text and settings are kept. A very long text on a large model can run out of memory: try a shorter one or WASM.',
    };
    resolve({ ok: false, error: this.crash });
    onCrash(this.crash);
  }

  /** Races a call against the worker dying; fatal runtime errors count as dying. */
  private async guard<T>(call: Promise<Outcome<T>>): Promise<Outcome<T>> {
    if (this.crash) return { ok: false, error: this.crash };
    const outcome = await Promise.race([call, this.crashed]);
    if (!outcome.ok && FATAL_MESSAGE.test(outcome.error.message)) {
      this.fatal(outcome.error.message);
      return { ok: false, error: this.crash ?? outcome.error };
    }
    return outcome;
  }

  newRequestId(): number {
    return this.nextId++;
  }

  probe() {
    return this.api.probe();
  }

  load(source: ModelSource, options: LoadOptions, onProgress: (p: FileProgress) => void): Promise<Outcome<ModelInfo>> {
    return this.guard(this.api.load(source, options, Comlink.proxy(onProgress)));
  }

  cancelLoad(): Promise<boolean> {
    return this.crash ? Promise.resolve(false) : this.api.cancelLoad();
  }

  run<T extends TensorName = 'attention'>(requestId: number, input: RunInput<T>): Promise<Outcome<RunResult<T>>> {
    return this.guard(this.api.run(requestId, input) as Promise<Outcome<RunResult<T>>>);
  }

  /** Runs in order and is never dropped for a newer request (sweeps, comparisons, probes). */
  runInOrder<T extends TensorName = 'attention'>(input: RunInput<T>): Promise<Outcome<RunResult<T>>> {
    return this.guard(this.api.runInOrder(input) as Promise<Outcome<RunResult<T>>>);
  }

  /** Rollout or a head mean in the engine's runtime (see AggregateRequest). */
  aggregate(request: AggregateRequest): Promise<Outcome<AggregateResult>> {
    return this.guard(this.api.aggregate(request));
  }

  terminate(): void {
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}
