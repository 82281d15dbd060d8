/** Charts of the syntax lab (Clark et al. 2019, sec. 4.2; the "middle layers" claim of Rogers et al. 2020). */

import type { Chart, ChartContext } from '../../render/charts/chart';
import { barChart } from '../../render/charts/barChart';
import { depArcsChart } from '../../render/charts/depArcs';
import { heatGridChart } from '../../render/charts/heatGrid';
import { lineChart } from '../../render/charts/lineChart';
import type { DepReport } from '../../probes/depScore';
import { figuresFor } from '../../probes/paperFigures';
import type { SentenceView } from './depSentence';
import { layerNumbers } from './headCharts';
import { percent } from './labels';

/** The paper's Table 1 figure for a UD relation, if it has one. */
export function paperFigureFor(relation: string) {
  return figuresFor('deps').find((f) => f.relation === relation && f.value !== null);
}

/** Layers counted as "middle": the middle third, rounded outwards (1-based, inclusive): 5-8 of 12, 2-3 of 4. */
export function middleLayers(layers: number): { from: number; to: number } {
  const from = Math.floor(layers / 3) + 1;
  return { from, to: Math.max(from, Math.ceil((2 * layers) / 3)) };
}

/** The most frequent relations: best head and offset baseline, and the paper's head where Table 1 has one. */
export function relationBars(report: DepReport, ctx: ChartContext, count = 10): Chart {
  const rows = report.relations.slice(0, count).map((r) => ({
    key: r.relation,
    label: `${r.relation} (${r.arcs})`,
    values: [r.best.accuracy, r.baseline.accuracy, paperFigureFor(r.relation)?.value ?? null],
    note: r.best.name,
  }));
  return barChart({
    ...ctx,
    kind: 'relations',
    rows,
    series: [
      { key: 'head', label: 'best head', color: '#0072B2' },
      { key: 'baseline', label: 'best fixed offset', color: '#999999' },
      { key: 'paper', label: 'paper’s head (Clark et al. Table 1)', color: '#E69F00' },
    ],
    domain: [0, 1],
    format: (v) => percent(v),
    tickFormat: (v) => percent(v, 0),
    xTitle: 'accuracy',
  });
}

/** Per layer, the best head's accuracy averaged over relations (weighted by arcs, punct left out); the peak ringed. */
export function syntaxLayerCurve(report: DepReport, ctx: ChartContext): Chart {
  const values = report.layerSummary.map((l) => l.meanBest);
  const mid = middleLayers(report.layers);
  return lineChart({
    ...ctx,
    kind: 'syntax-by-layer',
    xLabels: layerNumbers(values.length),
    xTitle: 'layer',
    yTitle: 'best head’s accuracy',
    series: [{ key: 'mean', label: 'best head per layer, mean over relations', color: '#0072B2', values }],
    domain: [0, Math.max(0.05, ...values)],
    format: (v) => percent(v, 0),
    band: { from: mid.from - 1, to: mid.to - 1, label: 'middle layers' },
    ...(report.peakLayer !== null
      ? {
          ring: {
            series: 'mean',
            index: report.peakLayer,
            label: report.peakNoise && !report.peakNoise.clear ? 'highest (within noise)' : 'peak',
          },
        }
      : {}),
  });
}

export function sentenceArcs(view: SentenceView, headLabel: string, ctx: ChartContext): Chart {
  return depArcsChart({ ...ctx, words: view.words, gold: view.gold, predicted: view.predicted, headLabel });
}

export function sentenceMatrix(view: SentenceView, headLabel: string, ctx: ChartContext): Chart {
  let max = 0;
  for (const v of view.merged) max = Math.max(max, v);
  return heatGridChart({
    ...ctx,
    kind: 'word-attention',
    rows: view.words,
    cols: view.words,
    rowTitle: 'from word',
    colTitle: 'to word',
    values: view.merged,
    domain: [0, Math.max(1e-9, max)],
    format: (v) => percent(v),
    tip: (i, j, v) => `${headLabel}: “${view.words[i]}” → “${view.words[j]}”: ${percent(v)}`,
    legendLabel: `${headLabel}, word-level attention`,
  });
}
