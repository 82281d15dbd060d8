/** Starts the rollout worker (a plain module: Vite bundles the worker from this `new URL`). */
export function startRolloutWorker(): Worker {
  return new Worker(new URL('./rollout.worker.ts', import.meta.url), { type: 'module' });
}
