/**
 * Attention rollout after every layer for long inputs, computed in the engine's ONNX runtime
 * (an aggregate graph, see workers/engine/aggregateGraph.ts) while the view says it is working;
 * short inputs are rolled out directly where they are drawn (see isSmallRollout). The engine keeps
 * the attention of its latest run, so only the head selection crosses; a result made elsewhere
 * (the benchmark's synthetic one) sends its attention along. A newer request supersedes an older
 * one. The numbers agree with analysis/rollout.ts within 1e-5 (tested).
 */

import type { Outcome, AggregateRequest, AggregateResult } from '../core/protocol';
import type { RunResult } from '../core/types';

/** Work (layers × seq³ multiply-adds) up to which rollout is computed in place: ~30 ms of main thread. */
export const MAIN_THREAD_WORK = 12 * 96 ** 3;

export function isSmallRollout(dims: readonly [number, number, number, number]): boolean {
  return dims[0] * dims[2] ** 3 <= MAIN_THREAD_WORK;
}

export interface RolloutLayers {
  /** Which result and head selection these are for. */
  key: string;
  seq: number;
  /** [layers, seq, seq]. */
  layers: Float32Array;
  /** Time spent in the runtime, ms. */
  ms: number;
}

export type AggregateCompute = (request: AggregateRequest) => Promise<Outcome<AggregateResult>>;

export class RolloutService {
  current = $state.raw<RolloutLayers | null>(null);
  /** The key being computed, if any. */
  pending = $state<string | null>(null);
  /** Why the latest rollout failed, with its key. */
  failed = $state.raw<{ key: string; message: string } | null>(null);

  private latest = 0;
  private nextKey = 0;
  private keys = new WeakMap<RunResult, number>();

  constructor(private readonly compute: AggregateCompute) {}

  /** Starts computing the rollout for `result` with `headsPerLayer` unless it is current or pending. */
  request(result: RunResult, headsPerLayer: number[][]): void {
    const key = this.keyFor(result, headsPerLayer);
    if (this.current?.key === key || this.pending === key) return;
    const id = ++this.latest;
    this.pending = key;
    void this.fetch(result, headsPerLayer).then((outcome) => {
      if (id !== this.latest) return; // superseded
      this.pending = null;
      if (outcome.ok) {
        this.failed = null;
        this.current = { key, seq: result.attentionDims[2], layers: outcome.value.values, ms: outcome.value.ms };
      } else {
        this.failed = { key, message: outcome.error.message };
      }
    });
  }

  /** The rollout's key for a result and selection, to check `current` against. */
  keyFor(result: RunResult, headsPerLayer: number[][]): string {
    let resultKey = this.keys.get(result);
    if (resultKey === undefined) {
      resultKey = ++this.nextKey;
      this.keys.set(result, resultKey);
    }
    return `${resultKey}:${JSON.stringify(headsPerLayer)}`;
  }

  dispose(): void {
    this.latest++;
    this.pending = null;
  }

  private async fetch(result: RunResult, headsPerLayer: number[][]): Promise<Outcome<AggregateResult>> {
    const request: AggregateRequest = {
      kind: 'rollout',
      runId: result.requestId,
      dims: [...result.attentionDims],
      headsPerLayer,
    };
    // Runs of the view (request ids from 1) are held by the engine; anything else sends its attention.
    if (result.requestId > 0) {
      const outcome = await this.compute(request);
      if (outcome.ok || outcome.error.code !== 'superseded') return outcome;
    }
    return this.compute({ ...request, attention: result.attention });
  }
}
