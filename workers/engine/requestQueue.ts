import { EngineError } from '../../src/lib/core/errors';

/**
 * One job at a time, in order. A run whose request id is older than the newest run's is dropped
 * before it starts (the user has typed on since); loads are never dropped.
 */
export class RequestQueue {
  private latestRun = 0;
  private tail: Promise<unknown> = Promise.resolve();

  enqueue<T>(job: () => Promise<T>, runId?: number): Promise<T> {
    if (runId !== undefined) this.latestRun = Math.max(this.latestRun, runId);
    const next = this.tail.then(() => {
      if (runId !== undefined && runId < this.latestRun) {
        throw new EngineError('superseded', 'A newer request replaced this one.');
      }
      return job();
    });
    this.tail = next.catch(() => undefined);
    return next;
  }
}
