/** The CLI's native runtime (onnxruntime-node) gives the browser runtime's (onnxruntime-web WASM) attention. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture } from '../fixture/bertFixture';
import { FIXTURE_PRESETS } from '../fixture/presets';
import { MemoryReader, maxAbsDiff } from '../../workers/engine/testing/memoryReader';
import type { BertEngine } from '../../workers/engine/engine';
import { createCliEngine } from './runtimes';
import { runtimeOptions } from './options';

const INPUTS = [
  { text: 'The keys to the cabinet [MASK] on the table because it was late.' },
  { text: 'The animal did not cross the street.', pair: 'It was too tired.', ablate: [{ layer: 0, head: 1 }] },
];

describe.each(['tiny', 'tiny-fused-ln', 'demo'] as const)('native and WASM runtimes on the %s fixture', (name) => {
  const engines: Partial<Record<'native' | 'wasm', BertEngine>> = {};

  beforeAll(async () => {
    const { files } = generateBertFixture(FIXTURE_PRESETS[name].options);
    for (const runtime of ['native', 'wasm'] as const) {
      const engine = await createCliEngine(runtime, 1);
      await engine.load(new MemoryReader(name, files), { backend: 'wasm', dtype: 'fp32' });
      engines[runtime] = engine;
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(engines).map((e) => e.dispose()));
  });

  it.each(INPUTS)('agree within 1e-5 on "$text"', async (input) => {
    const native = await engines.native!.run({ ...input, outputs: ['attention', 'hidden'] });
    const wasm = await engines.wasm!.run({ ...input, outputs: ['attention', 'hidden'] });
    expect(native.backend).toBe('cpu');
    expect(wasm.backend).toBe('wasm');
    expect(native.tokens).toEqual(wasm.tokens);
    expect(native.attentionDims).toEqual(wasm.attentionDims);
    // Real attention, not two empty arrays: every row of every head sums to 1 (ablated heads to 0).
    const [layers, heads, seq] = native.attentionDims;
    const ablated = new Set((input.ablate ?? []).map((h) => h.layer * heads + h.head));
    for (let row = 0; row < layers * heads * seq; row++) {
      const sum = native.attention.slice(row * seq, (row + 1) * seq).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(ablated.has(Math.floor(row / seq)) ? 0 : 1, 5);
    }
    expect(maxAbsDiff(native.attention, wasm.attention)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(native.hidden, wasm.hidden)).toBeLessThanOrEqual(1e-4);
    expect(native.predictions.map((p) => p.ids)).toEqual(wasm.predictions.map((p) => p.ids));
  });
});

describe('--runtime and --threads', () => {
  it('default to native and one thread per core', () => {
    expect(runtimeOptions({})).toEqual({ runtime: 'native', threads: undefined });
    expect(runtimeOptions({ runtime: 'wasm', threads: '3' })).toEqual({ runtime: 'wasm', threads: 3 });
  });
  it('refuse other values with a message', () => {
    expect(() => runtimeOptions({ runtime: 'gpu' })).toThrow(/--runtime must be native or wasm/);
    expect(() => runtimeOptions({ threads: '0' })).toThrow(/--threads must be/);
  });
});
