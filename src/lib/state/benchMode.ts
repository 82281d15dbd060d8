/**
 * `?bench=N`: show a synthetic bert-base-shaped result of N tokens without loading a model, and
 * expose timing hooks for bench/views.ts. Synthetic data only; nothing here runs user input.
 */

import { rolloutAllLayers } from '../analysis/rollout';
import type { LensState } from './lens.svelte';
import { syntheticInfo, syntheticResult } from './syntheticRun';

export const MODEL_DRAWN_MARK = 'bertology:model-drawn';

export type BenchView = 'model' | 'head' | 'matrix';

export interface BenchHooks {
  /** Replaces the result with a fresh synthetic one; resolves with ms until the model view is drawn and a frame has passed. */
  modelViewPaint(seq: number): Promise<number>;
  /**
   * Replaces the result with a fresh synthetic one while `view` is shown; resolves with ms until its
   * whole picture is on screen (model: every map; head: every line; matrix: the heatmap) and a frame has passed.
   */
  viewPaint(view: BenchView, seq: number): Promise<number>;
  /** Replaces the result with a fresh synthetic one (no timing). */
  inject(seq: number): void;
  /**
   * Rollout of a synthetic result in the engine's runtime: wall time (attention sent along, as for
   * any result the engine did not make), time inside the runtime, and the largest difference from
   * the JS reference (analysis/rollout.ts) when `check` is set.
   */
  rollout(seq: number, check: boolean): Promise<{ wallMs: number; runtimeMs: number; maxDiff: number | null }>;
}

declare global {
  interface Window {
    __bertologyBench?: BenchHooks;
  }
}

function nextMark(name: string): Promise<void> {
  return new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(name).length) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe({ type: 'mark' });
  });
}

const afterFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Polls once a frame until `ready` holds. */
async function untilFrame(ready: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ready()) {
    if (performance.now() > end) throw new Error('The view did not finish drawing.');
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Whether the shown view has the whole picture of a result with `seq` tokens on screen. */
function viewDrawn(view: BenchView, seq: number, before: string | null): boolean {
  const labels = (kind: string, cls: string) => document.querySelectorAll(`figure.${kind} text.${cls}`).length;
  switch (view) {
    case 'head':
      return (
        labels('head', 'left-label') === seq &&
        document.querySelector('[data-testid="head-lines"]')?.getAttribute('data-complete') === 'true'
      );
    case 'matrix': {
      // The heatmap is drawn in the same update as the result: a new image is told by its address.
      const href = document.querySelector('figure.matrix image')?.getAttribute('href') ?? null;
      return !!href && (href !== before || before === null);
    }
    case 'model':
      return !!document.querySelector('figure.model');
  }
}

export function startBench(lens: LensState, seq: number): void {
  let seed = 1;
  lens.text = `Synthetic attention, ${seq} tokens (benchmark mode: no model)`;
  lens.pair = '';
  lens.info = syntheticInfo();
  lens.status = 'ready';
  lens.result = syntheticResult(seq, 12, 12, seed);
  window.__bertologyBench = {
    inject(n) {
      lens.result = syntheticResult(n, 12, 12, ++seed);
    },
    async modelViewPaint(n) {
      const fresh = syntheticResult(n, 12, 12, ++seed); // made before the clock starts
      const drawn = nextMark(MODEL_DRAWN_MARK);
      const t0 = performance.now();
      lens.result = fresh;
      await drawn;
      await afterFrame();
      return performance.now() - t0;
    },
    async viewPaint(view, n) {
      if (view === 'model') return this.modelViewPaint(n);
      // A result of another length first, so that the labels of the measured one tell it apart.
      const image = () => document.querySelector('figure.matrix image')?.getAttribute('href') ?? null;
      const old = image();
      lens.result = syntheticResult(n - 1, 12, 12, ++seed);
      await untilFrame(() => viewDrawn(view, n - 1, old));
      const before = image();
      const fresh = syntheticResult(n, 12, 12, ++seed);
      const t0 = performance.now();
      lens.result = fresh;
      await untilFrame(() => viewDrawn(view, n, before));
      await afterFrame();
      return performance.now() - t0;
    },
    async rollout(n, check) {
      const result = syntheticResult(n, 12, 12, ++seed);
      const t0 = performance.now();
      const outcome = await lens.aggregate({
        kind: 'rollout',
        runId: 0,
        dims: result.attentionDims,
        headsPerLayer: [],
        attention: result.attention,
      });
      const wallMs = performance.now() - t0;
      if (!outcome.ok) throw new Error(outcome.error.message);
      let maxDiff: number | null = null;
      if (check) {
        const reference = rolloutAllLayers(result.attention, result.attentionDims);
        const values = outcome.value.values;
        maxDiff = 0;
        for (let k = 0; k < reference.length; k++) maxDiff = Math.max(maxDiff, Math.abs(reference[k]! - values[k]!));
      }
      return { wallMs, runtimeMs: outcome.value.ms, maxDiff };
    },
  };
}
