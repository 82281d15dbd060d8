import { describe, expect, it } from 'vitest';
import { rowOn, syntheticRun, syntheticTokens, uniformRow } from '../probes/testing/syntheticRun';
import { jsDivergence, layerSimilarity } from './headSimilarity';

describe('jsDivergence', () => {
  it.each([
    [[0.5, 0.5], [0.5, 0.5], 0],
    [[1, 0], [0, 1], 1], // disjoint: one bit
    // [1, 0] against [0.5, 0.5]: m = [0.75, 0.25]; ½(1·log2(1/0.75)) + ½(0.5·log2(0.5/0.75) + 0.5·log2(0.5/0.25))
    [[1, 0], [0.5, 0.5], 0.5 * Math.log2(4 / 3) + 0.5 * (0.5 * Math.log2(2 / 3) + 0.5)],
  ])('%j vs %j → %d bits', (p, q, bits) => {
    expect(jsDivergence(p, 0, q, 0, p.length)).toBeCloseTo(bits, 12);
    expect(jsDivergence(q, 0, p, 0, p.length)).toBeCloseTo(bits, 12); // symmetric
  });

  it('reads rows at offsets inside one flat array', () => {
    const flat = [9, 1, 0, 0, 1, 9];
    expect(jsDivergence(flat, 1, flat, 3, 2)).toBeCloseTo(1, 12);
  });
});

describe('layerSimilarity', () => {
  const tokens = syntheticTokens(['a', 'b', 'c']); // 5 tokens

  it('finds identical heads within a layer and different ones across layers', () => {
    // layer 1: both heads attend to [CLS]; layer 2: both spread evenly.
    const run = syntheticRun(tokens, 2, 2, (m, _i, seq) => (m < 2 ? rowOn(seq, 0) : uniformRow(seq)));
    const s = layerSimilarity(run.attention, run.attentionDims);
    expect(s.within).toBe(0);
    expect(s.perLayer).toEqual([0, 0]);
    // one-hot vs uniform over 5: m = [0.6, 0.1 ×4]; ½·log2(1/0.6) + ½·(5·0.2·log2(0.2/0.1))... computed directly:
    const m = [0.6, 0.1, 0.1, 0.1, 0.1];
    const expected =
      0.5 * Math.log2(1 / m[0]!) + 0.5 * [0.2, 0.2, 0.2, 0.2, 0.2].reduce((t, q, j) => t + q * Math.log2(q / m[j]!), 0);
    expect(s.between).toBeCloseTo(expected, 6);
  });

  it('has no within-layer figure with one head per layer, and no between-layer one with one layer', () => {
    const one = syntheticRun(tokens, 2, 1, (_m, _i, seq) => uniformRow(seq));
    expect(layerSimilarity(one.attention, one.attentionDims).within).toBeNaN();
    const flat = syntheticRun(tokens, 1, 2, (_m, _i, seq) => uniformRow(seq));
    expect(layerSimilarity(flat.attention, flat.attentionDims).between).toBeNaN();
  });
});
