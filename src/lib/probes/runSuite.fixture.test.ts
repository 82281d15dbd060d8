/**
 * The three suites end to end on the real engine: the tiny random-weight fixture (2 layers × 4
 * heads, generated in memory) over the first items of each bundled dataset. Random weights mean
 * nothing, so this checks shapes and ranges, not values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../../scripts/cli/nodeEngine';
import type { BertEngine } from '../../../workers/engine/engine';
import { MemoryReader } from '../../../workers/engine/testing/memoryReader';
import { loadBundledTexts } from './bundledNode';
import { runSuite } from './runSuite';

const TINY = { layers: 2, heads: 4, hidden: 32, maxPositions: 128, seed: 1 } as const;
const HEADS = TINY.layers * TINY.heads;
const LIMIT = 6;

const inUnitRange = (values: number[]): boolean => values.every((v) => v >= 0 && v <= 1);

describe('runSuite on the tiny fixture', () => {
  let engine: BertEngine;

  beforeAll(async () => {
    engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', generateBertFixture(TINY).files), { backend: 'wasm', dtype: 'fp32' });
  });
  afterAll(() => engine.dispose());

  const options = () => ({ model: 'tiny', family: engine.info!.family, bundled: loadBundledTexts(), limit: LIMIT });

  it('sep: per-head and per-layer statistics', async () => {
    const report = await runSuite('sep', engine, options());
    if (report.suite !== 'sep') throw new Error('wrong suite');
    const { result } = report;
    expect(report.dataset).toMatchObject({ source: 'bundled', used: LIMIT, scored: LIMIT, skipped: 0 });
    expect(result).toMatchObject({ inputs: LIMIT, layers: TINY.layers, heads: TINY.heads, sepClaim: null });
    for (const name of ['sep', 'cls', 'punct', 'self', 'prev', 'next'] as const) {
      expect(result.perHead[name]).toHaveLength(HEADS);
      expect(result.layerMeans[name]).toHaveLength(TINY.layers);
      expect(inUnitRange(result.perHead[name])).toBe(true);
      expect(result.top[name]).toHaveLength(5);
    }
    expect(result.perHead.entropy.every((v) => v > 0)).toBe(true);
  });

  it('coref: accuracy per head, best heads, baselines and kinds', async () => {
    const report = await runSuite('coref', engine, options());
    if (report.suite !== 'coref') throw new Error('wrong suite');
    const { result } = report;
    expect(report.dataset.scored + report.dataset.skipped).toBe(LIMIT);
    expect(result.items).toBe(report.dataset.scored);
    expect(result.accuracy).toHaveLength(HEADS);
    expect(inUnitRange(result.accuracy)).toBe(true);
    expect(inUnitRange([...result.layerBest, result.baselines.nearest, result.baselines.first])).toBe(true);
    expect(result.best[0]!.name).toMatch(/^head [12]-[1-4]$/);
    expect(inUnitRange(result.byKind.flatMap((k) => [k.bestHead, k.nearest, k.first]))).toBe(true);
    expect(report.reference.figures.map((f) => f.id)).toContain('coref-head-5-4');
  });

  it('deps: accuracy per relation, head and layer, with offset baselines', async () => {
    const report = await runSuite('deps', engine, options());
    if (report.suite !== 'deps') throw new Error('wrong suite');
    const { result } = report;
    expect(report.dataset.scored + report.dataset.skipped).toBe(LIMIT);
    expect(result.sentences).toBe(report.dataset.scored);
    expect(result.sentences).toBeGreaterThan(0);
    for (const r of [result.all!, ...result.relations]) {
      expect(r.dependentToHead).toHaveLength(HEADS);
      expect(inUnitRange([...r.dependentToHead, ...r.headToDependent, ...r.layerBest, r.baseline.accuracy])).toBe(true);
      expect(r.best.accuracy).toBe(Math.max(...r.dependentToHead, ...r.headToDependent));
    }
    expect(result.layerSummary).toHaveLength(TINY.layers);
    expect(inUnitRange(result.layerSummary.map((l) => l.meanBest))).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
