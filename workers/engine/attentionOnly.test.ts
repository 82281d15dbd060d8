/** Attention-only sessions (corpus runs): the same attention, without the masked-LM head's nodes and weights. */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { createCliEngine } from '../../scripts/cli/runtimes';
import { decodeStructure } from './onnxStructure';
import { instrumentGraph } from './instrument';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';
import { bertForward } from './testing/bertForward';
import type { BertEngine } from './engine';

const fixture = generateBertFixture({ layers: 2, heads: 4, hidden: 32, maxPositions: 128, seed: 5 });
const model = fixture.files['onnx/model.onnx'] as Uint8Array;

describe('an attention-only graph', () => {
  it('keeps what attention needs and drops the masked-LM head and the rest of the last layer', () => {
    const full = decodeStructure(instrumentGraph(model.slice(), { heads: 4 }).bytes);
    const { bytes, layout } = instrumentGraph(model.slice(), { heads: 4, attentionOnly: { hidden: false } });
    const only = decodeStructure(bytes);
    expect(layout.logitsOutput).toBeNull();
    expect(layout.hiddenOutputs).toEqual([]);
    expect(only.outputs.map((o) => o.name)).toEqual(layout.attentionOutputs);
    expect(only.nodes.length).toBeLessThan(full.nodes.length);
    // The word-embedding table is still needed; the last layer's feed-forward weights are not.
    const names = new Set(only.initializers.map((i) => i.name));
    expect(only.initializers.length).toBeLessThan(full.initializers.length);
    expect([...names].some((n) => /word_embeddings/.test(n))).toBe(true);
    expect([...names].some((n) => /layer\.1\.(intermediate|output)\./.test(n))).toBe(false);
    expect([...names].some((n) => /layer\.0\.(intermediate|output)\./.test(n))).toBe(true);
    expect(bytes.length).toBeLessThan(model.length * 0.9);
  });
});

describe.each(['native', 'wasm'] as const)('an attention-only %s engine', (runtime) => {
  let full: BertEngine;
  let only: BertEngine;
  beforeAll(async () => {
    full = runtime === 'wasm' ? createNodeEngine(1) : await createCliEngine('native', 1);
    only = runtime === 'wasm' ? createNodeEngine(1) : await createCliEngine('native', 1);
    await full.load(new MemoryReader('t', fixture.files), { backend: 'wasm', dtype: 'fp32' });
    const info = await only.load(new MemoryReader('t', fixture.files), {
      backend: 'wasm',
      dtype: 'fp32',
      attentionOnly: true,
    });
    expect(info.hasMlmHead).toBe(false);
    expect(info.hasHiddenStates).toBe(false);
  });

  it.each([[[]], [[{ layer: 1, head: 2 }]]])('gives the full graph’s attention (ablated: %j)', async (ablate) => {
    const input = { text: 'The keys to the cabinet [MASK] on the table.', pair: 'They are.', ablate };
    const a = await full.run(input);
    const b = await only.run(input);
    expect(b.attentionDims).toEqual(a.attentionDims);
    expect(maxAbsDiff(b.attention, a.attention)).toBeLessThanOrEqual(1e-6);
    expect('hidden' in b).toBe(false);
    expect(b.predictions).toEqual([]);
    if (ablate.length === 0) {
      const reference = bertForward(fixture.weights, fixture.config, {
        inputIds: b.tokens.map((t) => t.id),
        tokenTypeIds: b.tokens.map((t) => t.segment),
      });
      expect(maxAbsDiff(b.attention, reference.attention)).toBeLessThanOrEqual(1e-5);
    }
  });
});
