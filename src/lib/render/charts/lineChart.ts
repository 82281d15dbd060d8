/**
 * A line chart over layers (Clark et al. 2019, Figure 2 style): one line per series, optional
 * horizontal reference lines (a 50% threshold, a baseline) and a shaded band of layers a claim is
 * about. d3-scale does the positions; the path strings are plain "M…L…" polylines.
 */

import { scaleLinear, scalePoint } from 'd3-scale';
import { INK } from '../palette';
import { fmt } from '../svgWriter';
import { textWidth } from '../titleBlock';
import type { Chart, ChartContext, Mark } from './chart';
import { label, rule } from './marks';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  values: readonly number[];
  dash?: string;
}

export interface RefLine {
  key: string;
  label: string;
  value: number;
  color?: string;
}

export interface LineChartSpec extends ChartContext {
  kind?: string;
  xLabels: readonly string[];
  xTitle: string;
  yTitle: string;
  series: readonly LineSeries[];
  refs?: readonly RefLine[];
  /** The y range before rounding out to nice ticks. */
  domain: readonly [number, number];
  format: (value: number) => string;
  /** A shaded band over the points from..to (0-based, inclusive), e.g. the layers a claim names. */
  band?: { from: number; to: number; label: string };
  /** A point to ring (e.g. the peak layer), by series key and index. */
  ring?: { series: string; index: number; label: string };
}

const PLOT_W = 420;
const PLOT_H = 200;
const M = { top: 16, right: 24, bottom: 44, left: 56 };
const FONT = 11;
const RING = '#D62728';

/** "M x0 y0 L x1 y1 …" through the points, skipping NaN values (a gap starts a new segment). */
export function polylinePath(points: readonly { x: number; y: number }[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${fmt(p.x)} ${fmt(p.y)}`;
    pen = true;
  }
  return d;
}

export function lineChart(spec: LineChartSpec): Chart {
  const x = scalePoint<number>()
    .domain(spec.xLabels.map((_, i) => i))
    .range([M.left, M.left + PLOT_W])
    .padding(0.4);
  const [lo, hi] = spec.domain;
  const y = scaleLinear()
    .domain([lo, hi > lo ? hi : lo + 1])
    .nice(5)
    .range([M.top + PLOT_H, M.top]);
  const marks: Mark[] = [];
  const right = M.left + PLOT_W;
  const bottom = M.top + PLOT_H;
  const muted = { size: FONT, fill: INK.muted };

  if (spec.band) {
    const step = spec.xLabels.length > 1 ? x.step() : PLOT_W;
    const from = Math.max(0, spec.band.from);
    const to = Math.min(spec.xLabels.length - 1, spec.band.to);
    if (from <= to) {
      const x0 = x(from)! - step / 2;
      const x1 = x(to)! + step / 2;
      marks.push({ kind: 'rect', key: 'band', x: x0, y: M.top, width: x1 - x0, height: PLOT_H, fill: '#EFEFEF' });
      marks.push(label('band-label', spec.band.label, (x0 + x1) / 2, M.top + FONT + 2, { ...muted, anchor: 'middle' }));
    }
  }
  for (const t of y.ticks(5)) {
    marks.push(rule(`grid-${t}`, [M.left, y(t)], [right, y(t)], '#D0D0D0'));
    marks.push(label(`ytick-${t}`, spec.format(t), M.left - 6, y(t) + 4, { ...muted, anchor: 'end' }));
  }
  spec.xLabels.forEach((text, i) =>
    marks.push(label(`xtick-${i}`, text, x(i)!, bottom + 16, { ...muted, anchor: 'middle' })),
  );
  const title = { size: FONT, fill: INK.text, anchor: 'middle' as const };
  marks.push(
    rule('x-axis', [M.left, bottom], [right, bottom], INK.muted),
    label('x-title', spec.xTitle, M.left + PLOT_W / 2, bottom + 34, title),
    label('y-title', spec.yTitle, 14, M.top + PLOT_H / 2, { ...title, rotate: -90 }),
  );
  for (const ref of spec.refs ?? []) {
    const ry = y(ref.value);
    if (ry < M.top - 0.5 || ry > bottom + 0.5) continue;
    const color = ref.color ?? INK.muted;
    marks.push(rule(`ref-${ref.key}`, [M.left, ry], [right, ry], color, 1, '5 4'));
    marks.push(label(`ref-label-${ref.key}`, ref.label, right - 2, ry - 4, { size: FONT, fill: color, anchor: 'end' }));
  }
  for (const s of spec.series) {
    const points = s.values.map((v, i) => ({ x: x(i)!, y: y(v) }));
    const dash = s.dash ? { dash: s.dash } : {};
    marks.push({
      kind: 'path',
      key: `line-${s.key}`,
      d: polylinePath(points),
      fill: 'none',
      stroke: s.color,
      strokeWidth: 2,
      ...dash,
    });
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const tip = `${s.label}, ${spec.xTitle} ${spec.xLabels[i]}: ${spec.format(v)}`;
      marks.push({
        kind: 'circle',
        key: `point-${s.key}-${i}`,
        cx: points[i]!.x,
        cy: points[i]!.y,
        r: 3.5,
        fill: s.color,
        tip,
      });
    });
  }
  const ringed = spec.ring && spec.series.find((c) => c.key === spec.ring!.series)?.values[spec.ring.index];
  if (spec.ring && ringed !== undefined && Number.isFinite(ringed)) {
    const cx = x(spec.ring.index)!;
    marks.push({ kind: 'circle', key: 'ring', cx, cy: y(ringed), r: 8, fill: 'none', stroke: RING });
    marks.push(label('ring-label', spec.ring.label, cx, y(ringed) - 12, { size: FONT, fill: RING, anchor: 'middle' }));
  }
  // Legend under the plot: a swatch and the series' name, wrapping to new rows.
  let lx = M.left;
  let ly = bottom + 54;
  for (const s of spec.series) {
    const w = 22 + textWidth(s.label, FONT) + 14;
    if (lx + w > right + M.right && lx > M.left) [lx, ly] = [M.left, ly + 16];
    marks.push(rule(`key-${s.key}`, [lx, ly - 4], [lx + 16, ly - 4], s.color, 3, s.dash));
    marks.push(label(`key-label-${s.key}`, s.label, lx + 22, ly, { size: FONT, fill: INK.text }));
    lx += w;
  }
  return {
    kind: spec.kind ?? 'layer-curve',
    heading: spec.heading,
    model: spec.model,
    dataset: spec.dataset,
    notes: spec.notes ?? [],
    width: right + M.right,
    height: ly + 10,
    marks,
  };
}
