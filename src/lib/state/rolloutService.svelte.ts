/**
 * Attention rollout after every layer for long inputs, computed in a worker (at 512 tokens it takes
 * seconds) while the view says it is working; short inputs are rolled out directly where they are
 * drawn (see isSmallRollout). A newer request supersedes an older one. The numbers are the same
 * either way: one function, analysis/rollout.ts.
 */

import type { RunResult } from '../core/types';
import type { RolloutReply, RolloutRequest } from './rollout.worker';
import { startRolloutWorker } from './startRolloutWorker';

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
}

export class RolloutService {
  current = $state.raw<RolloutLayers | null>(null);
  /** The key being computed in the worker, if any. */
  pending = $state<string | null>(null);

  private worker: Worker | null = null;
  private sent: RunResult | null = null;
  private nextId = 0;
  private latest = 0;
  private keys = new WeakMap<RunResult, number>();

  /** Starts computing the rollout for `result` with `headsPerLayer` unless it is current or pending. */
  request(result: RunResult, headsPerLayer: number[][]): void {
    const resultKey = this.keyOf(result);
    const key = `${resultKey}:${JSON.stringify(headsPerLayer)}`;
    if (this.current?.key === key || this.pending === key) return;
    const seq = result.attentionDims[2];
    const worker = this.ensureWorker();
    if (this.sent !== result) {
      // One copy of the attention per result; later requests send only the head selection.
      const message: RolloutRequest = {
        kind: 'data',
        key: resultKey,
        attention: result.attention,
        dims: [...result.attentionDims],
      };
      worker.postMessage(message);
      this.sent = result;
    }
    const id = ++this.nextId;
    this.latest = id;
    this.pending = key;
    worker.postMessage({ kind: 'rollout', id, key: resultKey, headsPerLayer } satisfies RolloutRequest);
    this.onReply = (reply) => {
      if (reply.id !== this.latest) return; // superseded
      this.pending = null;
      if ('layers' in reply) this.current = { key, seq, layers: reply.layers };
    };
  }

  /** The rollout's key for a result and selection, to check `current` against. */
  keyFor(result: RunResult, headsPerLayer: number[][]): string {
    return `${this.keyOf(result)}:${JSON.stringify(headsPerLayer)}`;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent = null;
    this.pending = null;
  }

  private onReply: (reply: RolloutReply) => void = () => {};

  private keyOf(result: RunResult): number {
    let key = this.keys.get(result);
    if (key === undefined) {
      key = ++this.nextId;
      this.keys.set(result, key);
    }
    return key;
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = startRolloutWorker();
      this.worker.onmessage = (event: MessageEvent<RolloutReply>) => this.onReply(event.data);
    }
    return this.worker;
  }
}
