/**
 * Batched corpus runs (BertEngine.runBatch on an attention-only session, as `bertology probe` runs)
 * give the reports of one-at-a-time runs, skip the same unreadable lines, and keep the order.
 */
import { BERT_UNCASED_FAMILY } from '../core/family';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../../scripts/fixture/bertFixture';
import { createCliEngine } from '../../../scripts/cli/runtimes';
import type { BertEngine } from '../../../workers/engine/engine';
import { MemoryReader, maxAbsDiff } from '../../../workers/engine/testing/memoryReader';
import { loadBundledTexts } from './bundledNode';
import { runSuite, suiteInputs, type ProbeEngine } from './runSuite';

const TINY = { layers: 2, heads: 4, hidden: 32, maxPositions: 128, seed: 7 } as const;

/** The largest difference between two JSON values' numbers; Infinity when their shapes differ. */
function numberDiff(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b) ? 0 : Math.abs(a - b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length ? Math.max(0, ...a.map((v, i) => numberDiff(v, b[i]))) : Infinity;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    if (keys.join() !== Object.keys(b).join()) return Infinity;
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    return Math.max(0, ...keys.map((k) => numberDiff(x[k], y[k])));
  }
  return a === b ? 0 : Infinity;
}

describe('batched corpus runs', () => {
  let engine: BertEngine;
  const batches: number[] = [];
  let batching: ProbeEngine;
  let single: ProbeEngine;

  beforeAll(async () => {
    engine = await createCliEngine('native', 1);
    const files = generateBertFixture(TINY).files;
    await engine.load(new MemoryReader('tiny', files), { backend: 'wasm', dtype: 'fp32', attentionOnly: true });
    single = { run: (input) => engine.run(input) };
    batching = {
      run: (input) => engine.run(input),
      runBatch: (inputs) => {
        batches.push(inputs.length);
        return engine.runBatch(inputs);
      },
    };
  });
  afterAll(() => engine.dispose());

  it('runBatch gives each input its own run’s attention', async () => {
    const inputs = suiteInputs('sep', { bundled: loadBundledTexts(), limit: 5 });
    const together = await engine.runBatch(inputs);
    const lengths = new Set(together.map((r) => r.tokens.length));
    expect(lengths.size).toBeGreaterThan(1); // padding was needed
    for (const [i, input] of inputs.entries()) {
      const alone = await engine.run(input);
      expect(together[i]!.tokens).toEqual(alone.tokens);
      expect(together[i]!.attentionDims).toEqual(alone.attentionDims);
      expect(maxAbsDiff(together[i]!.attention, alone.attention)).toBeLessThanOrEqual(1e-6);
    }
  });

  it.each(['sep', 'coref', 'deps'] as const)('%s: the same report as one input at a time', async (suite) => {
    batches.length = 0;
    const options = {
      model: 'tiny',
      family: BERT_UNCASED_FAMILY,
      bundled: loadBundledTexts(),
      limit: 45,
      batchSize: 8,
    };
    const progress: number[] = [];
    const a = await runSuite(suite, batching, { ...options, onProgress: (done) => progress.push(done) });
    const b = await runSuite(suite, single, options);
    expect(batches.length).toBeGreaterThan(0);
    expect(Math.max(...batches)).toBe(8);
    expect(progress).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(a.dataset).toEqual(b.dataset);
    expect(numberDiff(a.result, b.result)).toBeLessThanOrEqual(1e-6);
  });

  it('skips an unreadable line in a batch, and only that line, in order', async () => {
    const lines = [
      'The dog barked.',
      '\u0007\u0008',
      'A bird sang ||| It flew away.',
      'Rain fell.',
      '\u200b',
      'Cats sleep.',
    ];
    const options = {
      model: 'tiny',
      family: BERT_UNCASED_FAMILY,
      bundled: loadBundledTexts(),
      data: lines.join('\n'),
      batchSize: 4,
    };
    const a = await runSuite('sep', batching, options);
    const b = await runSuite('sep', single, options);
    if (a.suite !== 'sep' || b.suite !== 'sep') throw new Error('wrong suite');
    expect(a.result.skipped.map((s) => s.id)).toEqual(['#2', '#5']);
    expect(a.result.skipped).toEqual(b.result.skipped);
    expect(numberDiff(a.result, b.result)).toBeLessThanOrEqual(1e-6);
  });

  it('stops at a cancel between batches', async () => {
    const controller = new AbortController();
    const run = runSuite('sep', batching, {
      model: 'tiny',
      family: BERT_UNCASED_FAMILY,
      batchSize: 8,
      bundled: loadBundledTexts(),
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 32) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/stopped after 32 of 233 items/);
  });
});
