/**
 * A run returns the tensors it asks for and nothing else; what crosses the worker boundary is
 * exactly those buffers (resultBuffers is the worker's Comlink.transfer list).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture, type BertFixture } from '../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { resultBuffers } from '../../src/lib/core/protocol';
import type { BertEngine } from './engine';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';

const TINY = { layers: 2, heads: 4, hidden: 32, maxPositions: 128 } as const;
const TEXT = 'The keys to the cabinet [MASK] on the table.';

describe('runs ask for their tensors', () => {
  let fixture: BertFixture;
  let engine: BertEngine;

  beforeAll(async () => {
    fixture = generateBertFixture({ ...TINY, seed: 1, layerNorm: 'decomposed' });
    engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', fixture.files), { backend: 'wasm', dtype: 'fp32' });
  });
  afterAll(() => engine.dispose());

  it('gives attention only when nothing is named, and transfers only its buffer', async () => {
    const result = await engine.run({ text: TEXT });
    const [layers, heads, seq] = result.attentionDims;
    expect('hidden' in result).toBe(false);
    const buffers = resultBuffers(result);
    expect(buffers).toHaveLength(1);
    expect(buffers[0]!.byteLength).toBe(layers * heads * seq * seq * 4);
    expect(result.predictions).toHaveLength(1);
  });

  it('gives the same attention and hidden states asked together as asked alone', async () => {
    const both = await engine.run({ text: TEXT, outputs: ['attention', 'hidden'] });
    const hiddenOnly = await engine.run({ text: TEXT, outputs: ['hidden'] });
    const attentionOnly = await engine.run({ text: TEXT, outputs: ['attention'] });
    expect('attention' in hiddenOnly).toBe(false);
    expect(maxAbsDiff(hiddenOnly.hidden, both.hidden)).toBe(0);
    expect(maxAbsDiff(attentionOnly.attention, both.attention)).toBe(0);
    const [, seq, hidden] = both.hiddenDims;
    expect(both.hiddenDims).toEqual([TINY.layers + 1, seq, TINY.hidden]);
    expect(resultBuffers(hiddenOnly).map((b) => b.byteLength)).toEqual([(TINY.layers + 1) * seq * hidden * 4]);
    expect(resultBuffers(both)).toHaveLength(2);
    // Predictions do not depend on which tensors were asked for.
    expect(hiddenOnly.predictions).toEqual(both.predictions);
  });

  it('gives predictions alone when no tensor is asked for', async () => {
    const result = await engine.run({ text: TEXT, outputs: [], topK: 3 });
    expect(resultBuffers(result)).toEqual([]);
    expect(result.predictions[0]!.ids).toHaveLength(3);
    const full = await engine.run({ text: TEXT, topK: 3 });
    expect(result.predictions).toEqual(full.predictions);
  });

  it.each([
    ['values', /value vectors/],
    ['qk', /queries and keys/],
  ] as const)('says clearly that %s are not extracted yet', async (name, message) => {
    await expect(engine.run({ text: TEXT, outputs: ['attention', name] })).rejects.toMatchObject({
      code: 'output-unavailable',
      message: expect.stringMatching(message),
    });
  });
});
