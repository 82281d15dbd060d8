import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture, type BertFixture } from '../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import type { BertEngine } from './engine';
import { bertForward } from './testing/bertForward';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';
import type { HeadRef, RunResult } from '../../src/lib/core/types';

const TINY = { layers: 3, heads: 4, hidden: 32, maxPositions: 128, seed: 7 } as const;
const TEXT = 'The keys to the cabinet [MASK] on the table.';

describe('head ablation inside the model', () => {
  let fixture: BertFixture;
  let engine: BertEngine;

  beforeAll(async () => {
    fixture = generateBertFixture(TINY);
    engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', fixture.files), { backend: 'wasm', dtype: 'fp32' });
  });

  function reference(result: RunResult, ablate: HeadRef[]) {
    const headMask = new Float32Array(TINY.layers * TINY.heads).fill(1);
    for (const { layer, head } of ablate) headMask[layer * TINY.heads + head] = 0;
    return bertForward(fixture.weights, fixture.config, {
      inputIds: result.tokens.map((t) => t.id),
      tokenTypeIds: result.tokens.map((t) => t.segment),
      headMask,
    });
  }

  it.each([
    ['one head', [{ layer: 0, head: 1 }]],
    [
      'heads in several layers',
      [
        { layer: 0, head: 0 },
        { layer: 1, head: 3 },
        { layer: 2, head: 2 },
      ],
    ],
    ['a whole layer', [0, 1, 2, 3].map((head) => ({ layer: 1, head }))],
  ])('with %s ablated, attention and predictions equal a forward pass with those heads zeroed', async (_, ablate) => {
    const result = await engine.run({ text: TEXT, ablate, topK: 5, outputs: ['attention', 'hidden'] });
    expect(result.ablated).toEqual(ablate);
    const expected = reference(result, ablate);
    expect(maxAbsDiff(result.attention, expected.attention)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(result.hidden, expected.hidden)).toBeLessThanOrEqual(1e-5);
    const [, heads, seq] = result.attentionDims;
    for (const { layer, head } of ablate) {
      const start = (layer * heads + head) * seq * seq;
      expect(result.attention.subarray(start, start + seq * seq).every((v) => v === 0)).toBe(true);
    }
    // Predictions at [MASK] are the top of the reference logits.
    const vocab = fixture.config.vocab_size;
    const [prediction] = result.predictions;
    const row = Array.from(expected.logits!.subarray(prediction!.position * vocab, (prediction!.position + 1) * vocab));
    const top = row
      .map((v, i) => [v, i] as const)
      .sort((a, b) => b[0] - a[0])
      .slice(0, 5)
      .map(([, i]) => i);
    expect(prediction!.ids).toEqual(top);
  });

  it('ablating a head changes the predictions; switching it back restores them exactly', async () => {
    const plain = await engine.run({ text: TEXT });
    const ablated = await engine.run({ text: TEXT, ablate: [0, 1, 2, 3].map((head) => ({ layer: 0, head })) });
    expect(ablated.predictions[0]!.probs).not.toEqual(plain.predictions[0]!.probs);
    const again = await engine.run({ text: TEXT });
    expect(again.predictions).toEqual(plain.predictions);
    expect(maxAbsDiff(again.attention, plain.attention)).toBe(0);
  });

  it('with nothing ablated, the logits equal the uninstrumented model run directly in ONNX Runtime', async () => {
    const result = await engine.run({ text: TEXT, topK: 30 });
    const session = await ort.InferenceSession.create(fixture.files['onnx/model.onnx'] as Uint8Array, {
      executionProviders: ['wasm'],
    });
    const ids = result.tokens.map((t) => t.id);
    const int64 = (v: number[]) => new ort.Tensor('int64', BigInt64Array.from(v, BigInt), [1, v.length]);
    const out = await session.run({
      input_ids: int64(ids),
      attention_mask: int64(ids.map(() => 1)),
      token_type_ids: int64(result.tokens.map((t) => t.segment)),
    });
    const logits = out.logits!.data as Float32Array;
    const vocab = fixture.config.vocab_size;
    const p = result.predictions[0]!;
    const row = logits.subarray(p.position * vocab, (p.position + 1) * vocab);
    const max = Math.max(...row);
    const z = row.reduce((s, v) => s + Math.exp(v - max), 0);
    p.ids.forEach((id, k) => expect(p.probs[k]).toBeCloseTo(Math.exp(row[id]! - max) / z, 6));
    await session.release();
  });

  it('refuses heads outside the model, in the literature numbering', async () => {
    await expect(engine.run({ text: TEXT, ablate: [{ layer: 3, head: 0 }] })).rejects.toMatchObject({
      message: 'Head 4-1 does not exist: the model has 3 layers of 4 heads.',
    });
  });
});
