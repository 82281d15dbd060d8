import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { meanOverSelection } from '../../src/lib/analysis/aggregates';
import { rolloutAllLayers } from '../../src/lib/analysis/rollout';
import { AggregateRunner, type AttentionDims } from './aggregates';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

/** Row-stochastic random attention, peaked like real heads so the products are not all uniform. */
function randomAttention(dims: AttentionDims, seed: number): Float32Array {
  const [layers, heads, seq] = dims;
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const out = new Float32Array(layers * heads * seq * seq);
  for (let row = 0; row < layers * heads * seq; row++) {
    let sum = 0;
    const i = row % seq;
    for (let j = 0; j < seq; j++) {
      const v = Math.exp(4 * next()) + (j === (i + 1) % seq ? 20 * next() : 0);
      out[row * seq + j] = v;
      sum += v;
    }
    for (let j = 0; j < seq; j++) out[row * seq + j] = out[row * seq + j]! / sum;
  }
  return out;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]! - b[k]!));
  return max;
}

const runner = new AggregateRunner(ort);
afterAll(() => runner.release());

describe('aggregates as ONNX graphs, against the JS reference', () => {
  const dims: AttentionDims = [5, 4, 37, 37];
  const attention = randomAttention(dims, 7);

  it.each<[string, (readonly number[] | undefined)[] | undefined]>([
    ['all heads', undefined],
    ['some heads off, a repeated head, a layer with none', [[0, 2], undefined, [], [3, 3, 1], [1]]],
  ])('rollout after every layer: %s', async (_, headsPerLayer) => {
    const expected = rolloutAllLayers(attention, dims, { headsPerLayer });
    const actual = await runner.rollout(attention, dims, headsPerLayer);
    expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-5);
  });

  it('reuses one session for another length', async () => {
    const short: AttentionDims = [5, 4, 9, 9];
    const small = randomAttention(short, 3);
    const actual = await runner.rollout(small, short);
    expect(maxAbsDiff(actual, rolloutAllLayers(small, short))).toBeLessThan(1e-5);
  });

  it('rolls out a bert-base-sized input (12 layers × 12 heads, 128 tokens) within 1e-5', async () => {
    const base: AttentionDims = [12, 12, 128, 128];
    const big = randomAttention(base, 11);
    const actual = await runner.rollout(big, base);
    expect(maxAbsDiff(actual, rolloutAllLayers(big, base))).toBeLessThan(1e-5);
  });

  it('means over a head selection across layers, each head once', async () => {
    const selection = [
      { layer: 0, head: 1 },
      { layer: 3, head: 2 },
      { layer: 3, head: 2 },
      { layer: 4, head: 0 },
    ];
    const actual = await runner.mean(attention, dims, selection);
    expect(maxAbsDiff(actual, meanOverSelection(attention, dims, selection))).toBeLessThan(1e-6);
  });

  it('refuses attention that does not fit its dims', async () => {
    await expect(runner.rollout(new Float32Array(10), dims)).rejects.toThrow(/does not fit/);
  });
});
