import { EngineError } from '../../src/lib/core/errors';

/**
 * One job at a time, in order, and one mechanism for dropping work (STYLE habit 13): every job
 * gets an AbortSignal. A run whose request id is older than the newest run's is dropped before
 * it starts (the user has typed on since). A load supersedes the load before it, running or
 * waiting: that one's signal fires ('superseded'), so a download that hangs cannot hold the
 * queue; `cancelLoad` fires it too ('cancelled').
 */
export class RequestQueue {
  private latestRun = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private load: AbortController | null = null;

  enqueue<T>(job: (signal: AbortSignal) => Promise<T>, runId?: number): Promise<T> {
    if (runId !== undefined) this.latestRun = Math.max(this.latestRun, runId);
    return this.chain(new AbortController().signal, job, () => {
      if (runId !== undefined && runId < this.latestRun) {
        throw new EngineError('superseded', 'A newer request replaced this one.');
      }
    });
  }

  enqueueLoad<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.load?.abort(new EngineError('superseded', 'A newer model load replaced this one.'));
    const controller = new AbortController();
    this.load = controller;
    const done = this.chain(controller.signal, job, () => undefined);
    void done
      .finally(() => {
        if (this.load === controller) this.load = null;
      })
      .catch(() => undefined);
    return done;
  }

  /** Stops the current load, running or waiting. Returns whether there was one. */
  cancelLoad(): boolean {
    if (!this.load) return false;
    this.load.abort(new EngineError('cancelled', 'Loading was cancelled.', 'Load a model again when you are ready.'));
    this.load = null;
    return true;
  }

  private chain<T>(signal: AbortSignal, job: (signal: AbortSignal) => Promise<T>, check: () => void): Promise<T> {
    const next = this.tail.then(() => {
      check();
      if (signal.aborted) throw signal.reason as Error;
      return job(signal);
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}
