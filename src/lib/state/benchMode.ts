/**
 * `?bench=N`: show a synthetic bert-base-shaped result of N tokens without loading a model, and
 * expose timing hooks for bench/views.ts. Synthetic data only; nothing here runs user input.
 */

import type { LensState } from './lens.svelte';
import { syntheticInfo, syntheticResult } from './syntheticRun';

export const MODEL_DRAWN_MARK = 'bertology:model-drawn';

export interface BenchHooks {
  /** Replaces the result with a fresh synthetic one; resolves with ms until the model view is drawn and a frame has passed. */
  modelViewPaint(seq: number): Promise<number>;
  /** Replaces the result with a fresh synthetic one (no timing). */
  inject(seq: number): void;
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
  };
}
