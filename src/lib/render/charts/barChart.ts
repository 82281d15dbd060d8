/**
 * Grouped horizontal bars: per row (a relation, a kind of pronoun) one bar per series (the best
 * head, a baseline, the paper's figure), each labelled with its value, so a number is never read
 * off a colour alone.
 */

import { scaleBand, scaleLinear } from 'd3-scale';
import { INK } from '../palette';
import { fitText, textWidth } from '../titleBlock';
import type { Chart, ChartContext, Mark } from './chart';

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

export interface BarRow {
  key: string;
  label: string;
  /** One value per series; null draws no bar ("no figure"). */
  values: readonly (number | null)[];
  /** Extra text after the values, e.g. "head 8-10". */
  note?: string;
}

export interface BarChartSpec extends ChartContext {
  kind?: string;
  rows: readonly BarRow[];
  series: readonly BarSeries[];
  domain: readonly [number, number];
  format: (value: number) => string;
  /** For the axis ticks, when they need fewer digits than the values. */
  tickFormat?: (value: number) => string;
  xTitle: string;
}

const FONT = 11;
const BAR = 11;
const PLOT_W = 300;

export function barChart(spec: BarChartSpec): Chart {
  const labelWidth = Math.min(140, Math.max(40, ...spec.rows.map((r) => textWidth(r.label, FONT)))) + 10;
  const left = 12 + labelWidth;
  const top = 30;
  const groupHeight = spec.series.length * BAR + 10;
  const y = scaleBand<string>()
    .domain(spec.rows.map((r) => r.key))
    .range([top, top + groupHeight * spec.rows.length]);
  const x = scaleLinear()
    .domain([spec.domain[0], spec.domain[1]])
    .range([left, left + PLOT_W])
    .clamp(true);
  const marks: Mark[] = [];
  const bottom = top + groupHeight * spec.rows.length;

  // Key above the plot.
  let kx = left;
  spec.series.forEach((s) => {
    marks.push({ kind: 'rect', key: `key-${s.key}`, x: kx, y: 8, width: 10, height: 10, fill: s.color });
    marks.push({
      kind: 'text',
      key: `key-label-${s.key}`,
      x: kx + 14,
      y: 17,
      text: s.label,
      size: FONT,
      fill: INK.text,
      anchor: 'start',
    });
    kx += 14 + textWidth(s.label, FONT) + 14;
  });
  for (const t of x.ticks(5)) {
    marks.push({
      kind: 'line',
      key: `grid-${t}`,
      x1: x(t),
      x2: x(t),
      y1: top,
      y2: bottom,
      stroke: '#E0E0E0',
      strokeWidth: 1,
    });
    marks.push({
      kind: 'text',
      key: `tick-${t}`,
      x: x(t),
      y: bottom + 14,
      text: (spec.tickFormat ?? spec.format)(t),
      size: FONT,
      fill: INK.muted,
      anchor: 'middle',
    });
  }
  marks.push({
    kind: 'text',
    key: 'x-title',
    x: left + PLOT_W / 2,
    y: bottom + 30,
    text: spec.xTitle,
    size: FONT,
    fill: INK.text,
    anchor: 'middle',
  });
  spec.rows.forEach((row) => {
    const y0 = y(row.key)! + 5;
    marks.push({
      kind: 'text',
      key: `row-${row.key}`,
      x: left - 8,
      y: y0 + (spec.series.length * BAR) / 2 + 4,
      text: fitText(row.label, FONT, 140),
      size: FONT,
      fill: INK.text,
      anchor: 'end',
    });
    spec.series.forEach((s, k) => {
      const value = row.values[k];
      if (value === null || value === undefined || !Number.isFinite(value)) return;
      const by = y0 + k * BAR;
      const width = Math.max(0.5, x(value) - x(spec.domain[0]));
      const tip = `${row.label}, ${s.label}: ${spec.format(value)}${row.note && k === 0 ? ` (${row.note})` : ''}`;
      marks.push({
        kind: 'rect',
        key: `bar-${row.key}-${s.key}`,
        x: x(spec.domain[0]),
        y: by,
        width,
        height: BAR - 2,
        fill: s.color,
        tip,
      });
      marks.push({
        kind: 'text',
        key: `value-${row.key}-${s.key}`,
        x: x(spec.domain[0]) + width + 4,
        y: by + BAR - 3,
        text: k === 0 && row.note ? `${spec.format(value)} ${row.note}` : spec.format(value),
        size: 10,
        fill: INK.muted,
        anchor: 'start',
      });
    });
  });
  return {
    kind: spec.kind ?? 'bars',
    heading: spec.heading,
    model: spec.model,
    dataset: spec.dataset,
    notes: spec.notes ?? [],
    width: Math.max(left + PLOT_W + 110, kx + 12),
    height: bottom + 40,
    marks,
  };
}
