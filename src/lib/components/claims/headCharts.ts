/** Charts of per-head statistics (Clark et al. 2019, sec. 3): the layers × heads grid and the per-layer curve (their Figure 2). */

import { HEAD_STAT_NAMES, type HeadStatName } from '../../analysis/headStats';
import type { Chart, ChartContext } from '../../render/charts/chart';
import { heatGridChart } from '../../render/charts/heatGrid';
import { lineChart, type LineSeries } from '../../render/charts/lineChart';
import { SEP_CLAIM_LAYERS } from '../../probes/sepScore';
import { formatStat, headTip, percent, STAT_LABELS, type StatLabel } from './labels';

/**
 * Okabe-Ito colours, and a dash pattern each, so [SEP], [CLS] and punctuation (drawn together,
 * Figure 2) differ in hue for every kind of colour vision and in line style in grey print.
 */
export const STAT_COLORS: Record<HeadStatName, string> = {
  sep: '#0072B2',
  cls: '#E69F00',
  punct: '#CC79A7',
  self: '#009E73',
  prev: '#D55E00',
  next: '#56B4E9',
  entropy: '#882255',
};

export const STAT_DASHES: Record<HeadStatName, string | undefined> = {
  sep: undefined,
  cls: '7 4',
  punct: '2 3',
  self: '10 3 2 3',
  prev: '4 2',
  next: '1 2',
  entropy: undefined,
};

/** Mean over the heads of each layer, from [L*H] values (index layer*H + head). */
export function layerMeansOf(values: ArrayLike<number>, heads: number): number[] {
  const layers = Math.floor(values.length / heads);
  return Array.from({ length: layers }, (_, l) => {
    let sum = 0;
    for (let h = 0; h < heads; h++) sum += values[l * heads + h]!;
    return sum / heads;
  });
}

/**
 * The colour scale's ends: the smallest and largest finite value, so a map whose heads all sit
 * between 5% and 9% uses the whole scale (the legend gives the two ends). Equal values get a
 * tiny range, so one value does not divide by zero.
 */
export function dataRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  return hi > lo ? [lo, hi] : [lo, lo + 1e-9];
}

export const layerNumbers = (layers: number): string[] => Array.from({ length: layers }, (_, l) => `${l + 1}`);

/** One value per head, coloured over the values' range (dataRange) unless told; hover names the head. */
export function headGridChart(
  values: ArrayLike<number>,
  layers: number,
  heads: number,
  ctx: ChartContext & { legendLabel: string; format: (v: number) => string; domain?: readonly [number, number] },
  outline: readonly { layer: number; head: number }[] = [],
): Chart {
  return heatGridChart({
    ...ctx,
    kind: 'head-grid',
    rows: layerNumbers(layers),
    cols: Array.from({ length: heads }, (_, h) => `${h + 1}`),
    rowTitle: 'layer',
    colTitle: 'head',
    values,
    domain: ctx.domain ?? dataRange(values),
    format: ctx.format,
    tip: (l, h, v) => headTip(l, h, ctx.format(v)),
    outline: outline.map(({ layer, head }) => ({ row: layer, col: head })),
    legendLabel: ctx.legendLabel,
  });
}

export function headStatGrid(
  values: ArrayLike<number>,
  layers: number,
  heads: number,
  stat: HeadStatName,
  ctx: ChartContext,
  labels: Record<HeadStatName, StatLabel> = STAT_LABELS,
): Chart {
  const fraction = labels[stat].unit === 'fraction';
  return headGridChart(values, layers, heads, {
    ...ctx,
    legendLabel: fraction ? `mean ${labels[stat].label}` : 'mean entropy (nats)',
    format: (v) => formatStat(stat, v),
  });
}

/**
 * Per-layer means, Figure 2 style: [SEP], [CLS] and punctuation, plus the chosen statistic; entropy
 * (in nats, another scale) alone. For [SEP] the layers of Clark et al.'s claim are shaded with the 50% line.
 */
export function layerCurve(
  layerMeans: Record<HeadStatName, readonly number[]>,
  stat: HeadStatName,
  ctx: ChartContext,
  labels: Record<HeadStatName, StatLabel> = STAT_LABELS,
): Chart {
  const fraction = labels[stat].unit === 'fraction';
  const shown: HeadStatName[] = fraction ? [...new Set<HeadStatName>([stat, 'sep', 'cls', 'punct'])] : ['entropy'];
  const series: LineSeries[] = HEAD_STAT_NAMES.filter((s) => shown.includes(s)).map((s) => ({
    key: s,
    label: labels[s].short,
    color: STAT_COLORS[s],
    values: layerMeans[s],
    ...(STAT_DASHES[s] ? { dash: STAT_DASHES[s] } : {}),
  }));
  const layers = layerMeans.sep.length;
  const { from, to } = SEP_CLAIM_LAYERS;
  return lineChart({
    ...ctx,
    kind: 'layer-curve',
    xLabels: layerNumbers(layers),
    xTitle: 'layer',
    yTitle: fraction ? 'mean share of attention' : 'mean entropy (nats)',
    series,
    domain: [0, fraction ? 1 : Math.max(1e-9, ...layerMeans.entropy)],
    format: fraction ? (v) => percent(v, 0) : (v) => v.toFixed(2),
    ...(stat === 'sep'
      ? {
          band: { from: from - 1, to: to - 1, label: `layers ${from}-${to} (Clark et al.)` },
          refs: [{ key: 'half', label: 'half', value: 0.5 }],
        }
      : {}),
  });
}
