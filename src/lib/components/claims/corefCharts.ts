/** Charts of the coreference lab (Clark et al. 2019, sec. 4.3): per-head grids and per-kind bars. */

import type { Chart, ChartContext } from '../../render/charts/chart';
import { barChart } from '../../render/charts/barChart';
import type { CorefReport } from '../../probes/corefScore';
import type { NamedHead } from '../../probes/sepScore';
import { headGridChart } from './headCharts';
import { percent } from './labels';

/** The paper's coreference head, 0-based. */
export const PAPER_COREF_HEAD = { layer: 4, head: 3 } as const;

function withPaperHead(layers: number, heads: number, best: NamedHead | undefined) {
  const outline = best ? [{ layer: best.layer, head: best.head }] : [];
  if (PAPER_COREF_HEAD.layer < layers && PAPER_COREF_HEAD.head < heads) outline.push({ ...PAPER_COREF_HEAD });
  return outline;
}

/** Word-level attention from the pronoun to the antecedent in every head (values [L*H] in layer*H + head order). */
export function pairGrid(
  values: ArrayLike<number>,
  layers: number,
  heads: number,
  ctx: ChartContext,
  best?: NamedHead,
): Chart {
  return headGridChart(
    values,
    layers,
    heads,
    { ...ctx, legendLabel: 'attention from the pronoun to the antecedent', format: (v) => percent(v) },
    withPaperHead(layers, heads, best),
  );
}

export function corefAccuracyGrid(report: CorefReport, ctx: ChartContext): Chart {
  return headGridChart(
    report.accuracy,
    report.layers,
    report.heads,
    { ...ctx, legendLabel: 'share of items resolved', format: (v) => percent(v) },
    withPaperHead(report.layers, report.heads, report.best[0]),
  );
}

/** Per kind of item (and all items): the overall best head against the nearest- and first-candidate baselines. */
export function corefKindBars(report: CorefReport, ctx: ChartContext): Chart {
  const best = report.best[0];
  const rows = [
    {
      key: 'all',
      label: `all (${report.items})`,
      values: [best?.value ?? null, report.baselines.nearest, report.baselines.first],
      ...(best ? { note: best.name } : {}),
    },
    ...report.byKind.map((k) => ({
      key: k.kind,
      label: `${k.kind} (${k.items})`,
      values: [k.bestHead, k.nearest, k.first],
    })),
  ];
  return barChart({
    ...ctx,
    kind: 'coref-kinds',
    rows,
    series: [
      { key: 'head', label: best ? `best head (${best.name})` : 'best head', color: '#0072B2' },
      { key: 'nearest', label: 'nearest candidate', color: '#999999' },
      { key: 'first', label: 'first candidate', color: '#E69F00' },
    ],
    domain: [0, 1],
    format: (v) => percent(v),
    tickFormat: (v) => percent(v, 0),
    xTitle: 'share of items resolved',
  });
}
