import { beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture, type BertFixture } from '../../scripts/fixture/bertFixture';
import { bertForward } from './testing/bertForward';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { rowSums } from '../../src/lib/analysis/attentionTensor';
import type { BertEngine } from './engine';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';
import type { RunResult } from '../../src/lib/core/types';

const TINY = { layers: 2, heads: 4, hidden: 32, maxPositions: 128 } as const;

function referenceFor(fixture: BertFixture, result: RunResult) {
  return bertForward(fixture.weights, fixture.config, {
    inputIds: result.tokens.map((t) => t.id),
    tokenTypeIds: result.tokens.map((t) => t.segment),
  });
}

describe.each(['decomposed', 'fused'] as const)('instrumented graph, %s LayerNorm', (layerNorm) => {
  let fixture: BertFixture;
  let engine: BertEngine;

  beforeAll(async () => {
    fixture = generateBertFixture({ ...TINY, seed: layerNorm === 'fused' ? 2 : 1, layerNorm });
    engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', fixture.files), { backend: 'wasm', dtype: 'fp32' });
  });

  it.each([
    ['a single sentence', 'The cat sat on the mat because it was tired.', undefined],
    ['a sentence pair', 'The keys to the cabinet are on the table.', 'Where are the keys?'],
  ])('matches an independent forward pass on %s', async (_, text, pair) => {
    const result = await engine.run({ text, pair, outputs: ['attention', 'hidden'] });
    const [layers, heads, seq] = result.attentionDims;
    expect([layers, heads]).toEqual([TINY.layers, TINY.heads]);
    expect(result.hiddenDims).toEqual([TINY.layers + 1, seq, TINY.hidden]);
    if (pair) expect(new Set(result.tokens.map((t) => t.segment))).toEqual(new Set([0, 1]));
    const reference = referenceFor(fixture, result);
    expect(maxAbsDiff(result.attention, reference.attention)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(result.hidden, reference.hidden)).toBeLessThanOrEqual(1e-5);
    for (let m = 0; m < layers * heads; m++) {
      const sums = rowSums(result.attention.subarray(m * seq * seq, (m + 1) * seq * seq), seq);
      for (const s of sums) expect(Math.abs(s - 1)).toBeLessThan(1e-5);
    }
  });

  it('scores pinned words at each [MASK] against the reference softmax, and says why a word cannot be scored', async () => {
    const result = await engine.run({ text: 'The cat [MASK] on the mat.', pinned: ['sat', 'is', 'zzzqqq'] });
    const reference = referenceFor(fixture, result);
    const vocab = fixture.config.vocab_size;
    const [p] = result.predictions;
    const row = Array.from(reference.logits!.subarray(p!.position * vocab, (p!.position + 1) * vocab));
    const max = Math.max(...row);
    const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
    for (const score of p!.pinned.slice(0, 2)) {
      expect(score.id).not.toBeNull();
      expect(score.prob).toBeCloseTo(Math.exp(row[score.id!]! - max) / z, 6);
      expect(score.rank).toBe(row.filter((v) => v > row[score.id!]!).length + 1);
    }
    expect(p!.pinned[2]).toMatchObject({ word: 'zzzqqq', id: null, prob: null });
    expect(p!.pinned[2]!.note).toMatch(/word pieces here .*one \[MASK\] holds one piece/);
  });

  it('returns the k most probable words at each [MASK], as a sort of the reference logits gives', async () => {
    const result = await engine.run({ text: 'The cat sat on the [MASK] and [MASK] slept.', topK: 5 });
    const reference = referenceFor(fixture, result);
    const vocab = fixture.config.vocab_size;
    expect(result.predictions).toHaveLength(2);
    for (const p of result.predictions) {
      const row = Array.from(reference.logits!.subarray(p.position * vocab, (p.position + 1) * vocab));
      const order = row.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
      expect(p.ids).toEqual(order.slice(0, 5).map(([, i]) => i));
      const max = order[0]![0];
      const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
      p.probs.forEach((prob, k) => expect(prob).toBeCloseTo(Math.exp(order[k]![0] - max) / z, 5));
    }
  });
});
