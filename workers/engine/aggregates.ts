/**
 * Runs the aggregate graphs (aggregateGraph.ts) on an ORT module: the browser worker's runtime or
 * onnxruntime in Node. A session is built once per graph and layer count and reused for every
 * input length (the sequence dim is dynamic).
 */
import type * as Ort from 'onnxruntime-web';
import type { Backend, HeadRef } from '../../src/lib/core/types';
import { AGGREGATE_INPUTS, AGGREGATE_OUTPUT, meanGraph, rolloutGraph } from './aggregateGraph';

type OrtModule = typeof Ort;
export type AttentionDims = readonly [number, number, number, number];

/** [L, H] of 1 for every chosen head: a missing entry means all heads of that layer, an empty one none. */
export function headsPerLayerMask(
  dims: AttentionDims,
  headsPerLayer: readonly (readonly number[] | undefined)[] = [],
): Float32Array {
  const [layers, heads] = dims;
  const mask = new Float32Array(layers * heads);
  for (let l = 0; l < layers; l++) {
    const chosen = headsPerLayer[l];
    if (!chosen) mask.fill(1, l * heads, (l + 1) * heads);
    else for (const h of chosen) if (h >= 0 && h < heads) mask[l * heads + h] = 1;
  }
  return mask;
}

export function headRefMask(dims: AttentionDims, selection: readonly HeadRef[]): Float32Array {
  const [layers, heads] = dims;
  const mask = new Float32Array(layers * heads);
  for (const { layer, head } of selection) {
    if (layer >= 0 && layer < layers && head >= 0 && head < heads) mask[layer * heads + head] = 1;
  }
  return mask;
}

export class AggregateRunner {
  private readonly sessions = new Map<string, Promise<Ort.InferenceSession>>();

  constructor(
    private readonly ort: OrtModule,
    private readonly backend: Backend = 'wasm',
  ) {}

  /** Rollout after every layer, [L, S, S]; slice l equals analysis/rollout.ts's rollout up to layer l. */
  rollout(
    attention: Float32Array,
    dims: AttentionDims,
    headsPerLayer?: readonly (readonly number[] | undefined)[],
  ): Promise<Float32Array> {
    return this.run(
      `rollout:${dims[0]}`,
      () => rolloutGraph(dims[0]),
      attention,
      dims,
      headsPerLayerMask(dims, headsPerLayer),
    );
  }

  /** Mean of the selected heads (any layers), [S, S]; repeated heads count once. */
  mean(attention: Float32Array, dims: AttentionDims, selection: readonly HeadRef[]): Promise<Float32Array> {
    if (selection.length === 0) return Promise.reject(new Error('Select at least one head to average.'));
    return this.run('mean', meanGraph, attention, dims, headRefMask(dims, selection));
  }

  /** Creates a session now: the first one initialises the runtime (compiles its WebAssembly, starts its threads). */
  async warmUp(): Promise<void> {
    await this.session('mean', meanGraph);
  }

  async release(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    for (const session of sessions) await (await session.catch(() => null))?.release();
  }

  private session(key: string, graph: () => Uint8Array): Promise<Ort.InferenceSession> {
    let session = this.sessions.get(key);
    if (!session) {
      session = this.ort.InferenceSession.create(graph(), {
        executionProviders: [this.backend],
        graphOptimizationLevel: 'all',
      });
      session.catch(() => this.sessions.delete(key));
      this.sessions.set(key, session);
    }
    return session;
  }

  private async run(
    key: string,
    graph: () => Uint8Array,
    attention: Float32Array,
    dims: AttentionDims,
    mask: Float32Array,
  ): Promise<Float32Array> {
    const [layers, heads, seq, seq2] = dims;
    if (seq !== seq2 || attention.length !== layers * heads * seq * seq) {
      throw new RangeError(`Attention of ${attention.length} values does not fit the dims [${dims.join(', ')}].`);
    }
    const session = await this.session(key, graph);
    const feeds = {
      [AGGREGATE_INPUTS.attention]: new this.ort.Tensor('float32', attention, [layers, heads, seq, seq]),
      [AGGREGATE_INPUTS.heads]: new this.ort.Tensor('float32', mask, [layers, heads]),
    };
    const out = await session.run(feeds, [AGGREGATE_OUTPUT]);
    const tensor = out[AGGREGATE_OUTPUT]!;
    const data = tensor.data as Float32Array;
    // On GPU backends the data is read back into a fresh array; on CPU it is ORT's copy: ours to keep.
    return data;
  }
}
