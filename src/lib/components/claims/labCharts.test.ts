import { describe, expect, it } from 'vitest';
import { HEAD_STAT_NAMES, type HeadStatName } from '../../analysis/headStats';
import type { CorefReport } from '../../probes/corefScore';
import { chartSvg } from '../../render/charts/chartSvg';
import { cellColor } from '../../render/charts/heatGrid';
import { marksOf, parseXml } from '../../render/charts/testing';
import { corefAccuracyGrid, corefKindBars, pairGrid } from './corefCharts';
import { headStatGrid, layerCurve, layerMeansOf } from './headCharts';
import { formatStat, headTip, paperNotes, percent, statLabels } from './labels';
import { middleLayers, paperFigureFor } from './syntaxCharts';

const ctx = { heading: 'h', model: 'm', dataset: 'd' };
const outlines = (chart: ReturnType<typeof pairGrid>) =>
  marksOf(chart, 'rect')
    .filter((r) => r.key.startsWith('outline-'))
    .map((r) => r.key);

describe('labels', () => {
  it('formats fractions as percentages and entropy in nats', () => {
    expect(percent(0.5321)).toBe('53.2%');
    expect(percent(0.5, 0)).toBe('50%');
    expect(percent(NaN)).toBe('–');
    expect(formatStat('sep', 0.25)).toBe('25.0%');
    expect(formatStat('entropy', 1.23456)).toBe('1.235 nats');
  });

  it('names heads 1-based and adds what Clark et al. 2019 found about them', () => {
    expect(paperNotes(7, 9)).toEqual(['Clark et al. 2019: dobj dependents 86.8%']);
    expect(paperNotes(4, 3)).toEqual(['Clark et al. 2019: coreference ≈65.1%']);
    expect(paperNotes(0, 0)).toEqual([]);
    expect(headTip(7, 10, '12.0%')).toBe('head 8-11: 12.0% — Clark et al. 2019: det dependents 94.3%');
    expect(headTip(1, 2, '3.0%')).toBe('head 2-3: 3.0%');
  });
});

describe('head statistics charts', () => {
  it('averages each layer over its heads', () => {
    expect(layerMeansOf([1, 3, 0.5, 0.5, 0, 1], 2)).toEqual([2, 0.5, 0.5]);
  });

  it('colours a map over the range of its values, with the ends in the legend', () => {
    const legend = (chart: ReturnType<typeof headStatGrid>) =>
      ['legend-low', 'legend-high'].map((k) => marksOf(chart, 'text').find((t) => t.key === k)!.text);
    const sep = headStatGrid([0.05, 0.07, 0.09, 0.06], 2, 2, 'sep', ctx);
    expect(legend(sep)).toEqual(['5.0%', '9.0%']);
    // The lowest and highest heads take the two ends of the scale (viridis: dark purple, yellow).
    const fill = (key: string) => marksOf(sep, 'rect').find((r) => r.key === key)!.fill;
    expect(fill('cell-0-0')).toBe(cellColor(0, [0, 1]));
    expect(fill('cell-1-0')).toBe(cellColor(1, [0, 1]));
    const ent = headStatGrid([0.5, 1, 2, 4], 2, 2, 'entropy', ctx);
    expect(legend(ent)).toEqual(['0.500 nats', '4.000 nats']);
    expect(marksOf(ent, 'rect').find((r) => r.key === 'cell-1-1')!.tip).toBe('head 2-2: 4.000 nats');
  });

  it('draws Figure 2’s [SEP], [CLS] and punctuation lines plus the chosen statistic; entropy alone', () => {
    const means = Object.fromEntries(HEAD_STAT_NAMES.map((s) => [s, [0.1, 0.2, 0.3]])) as Record<
      HeadStatName,
      number[]
    >;
    const lines = (stat: HeadStatName) =>
      marksOf(layerCurve(means, stat, ctx), 'path')
        .filter((p) => p.key.startsWith('line-'))
        .map((p) => p.key);
    expect(lines('sep')).toEqual(['line-sep', 'line-cls', 'line-punct']);
    expect(lines('prev')).toEqual(['line-sep', 'line-cls', 'line-punct', 'line-prev']);
    expect(lines('entropy')).toEqual(['line-entropy']);
    const sep = layerCurve(means, 'sep', ctx);
    expect(sep.marks.some((m) => m.key === 'ref-half')).toBe(true);
    // [SEP], [CLS], punctuation and the chosen statistic: each its own colour and its own line style.
    const drawn = marksOf(layerCurve(means, 'self', ctx), 'path').filter((p) => p.key.startsWith('line-'));
    expect(new Set(drawn.map((p) => p.stroke)).size).toBe(drawn.length);
    expect(new Set(drawn.map((p) => p.dash ?? 'solid')).size).toBe(drawn.length);
    expect(layerCurve(means, 'cls', ctx).marks.some((m) => m.key === 'ref-half')).toBe(false);
  });

  it('names the first and separator tokens as the loaded family does', () => {
    const labels = statLabels({ cls: '<s>', sep: '</s>' });
    expect(labels.sep.label).toBe('attention to </s>');
    expect(labels.cls.short).toBe('<s>');
    expect(statLabels().sep.label).toBe('attention to [SEP]');
    const means = Object.fromEntries(HEAD_STAT_NAMES.map((s) => [s, [0.1, 0.2, 0.3]])) as Record<
      HeadStatName,
      number[]
    >;
    const drawn = JSON.stringify(layerCurve(means, 'sep', ctx, labels));
    expect(drawn).toContain('</s>');
    expect(drawn).not.toContain('[SEP]');
  });
});

describe('coreference charts', () => {
  const report: CorefReport = {
    items: 10,
    layers: 6,
    heads: 4,
    accuracy: Array.from({ length: 24 }, (_, m) => m / 23),
    best: [{ layer: 5, head: 3, name: 'head 6-4', value: 1 }],
    layerBest: [],
    baselines: { nearest: 0.3, first: 0.5, chance: 0.45 },
    byKind: [{ kind: 'simple', items: 10, bestHead: 1, bestForKind: null, nearest: 0.3, first: 0.5 }],
    skipped: [],
  };

  it('outlines the best head, and head 5-4 only where the model has it', () => {
    expect(outlines(corefAccuracyGrid(report, ctx))).toEqual(['outline-5-3', 'outline-4-3']);
    expect(
      outlines(pairGrid(new Float32Array(16), 4, 4, ctx, { layer: 0, head: 1, name: 'head 1-2', value: 0 })),
    ).toEqual(['outline-0-1']);
  });

  it('sets the best head beside both baselines, for all items and per kind', () => {
    const chart = corefKindBars(report, ctx);
    const bars = marksOf(chart, 'rect').filter((r) => r.key.startsWith('bar-'));
    expect(bars.map((b) => b.key)).toEqual([
      'bar-all-head',
      'bar-all-nearest',
      'bar-all-first',
      'bar-simple-head',
      'bar-simple-nearest',
      'bar-simple-first',
    ]);
    expect(bars[0]!.tip).toBe('all (10), best head (head 6-4): 100.0% (head 6-4)');
    expect(() => parseXml(chartSvg(chart))).not.toThrow();
  });
});

describe('syntax charts', () => {
  it.each([
    [12, 5, 8],
    [4, 2, 3],
    [3, 2, 2],
    [6, 3, 4],
    [24, 9, 16],
  ])('the middle of %i layers is layers %i-%i', (layers, from, to) =>
    expect(middleLayers(layers)).toEqual({ from, to }),
  );

  it('finds the paper’s Table 1 head for a UD relation', () => {
    expect(paperFigureFor('obj')).toMatchObject({ head: 'head 8-10', value: 0.868, paperRelation: 'dobj' });
    expect(paperFigureFor('advmod')).toBeUndefined();
  });
});
