/**
 * A grid heatmap: layers × heads (one value per head) or words × words (one head's word-level
 * attention). d3-scale places the bands; colours are the views' viridis, so a claims chart reads
 * like an attention map. The legend is drawn as stepped swatches, not a gradient, so no element
 * needs a document-wide id and several charts can share a page.
 */

import { scaleBand } from 'd3-scale';
import { INK, LEVELS, levelIndex, viridisHex } from '../palette';
import { fitText, textWidth } from '../titleBlock';
import type { Chart, ChartContext, Mark } from './chart';

export interface HeatGridSpec extends ChartContext {
  kind?: string;
  rows: readonly string[];
  cols: readonly string[];
  /** Axis titles, e.g. "layer" and "head", or "from word" and "to word". */
  rowTitle: string;
  colTitle: string;
  /** rows × cols values, row-major. NaN is drawn grey ("no value"). */
  values: ArrayLike<number>;
  /** The values that map to the two ends of the colour scale; values outside are clamped. */
  domain: readonly [number, number];
  format: (value: number) => string;
  /** What hovering a cell reads out. */
  tip: (row: number, col: number, value: number) => string;
  /** Cells drawn with an outline (a head the paper names, the chosen head). */
  outline?: readonly { row: number; col: number }[];
  legendLabel: string;
}

export const NO_VALUE = '#D9D9D9';
const LABEL_SIZE = 11;
const MAX_SIDE = 420;
const LEGEND_STEPS = 24;

/** The cell colour of `value` on `domain` (viridis), grey for NaN. */
export function cellColor(value: number, domain: readonly [number, number]): string {
  if (Number.isNaN(value)) return NO_VALUE;
  const [lo, hi] = domain;
  return viridisHex(levelIndex(Math.min(hi, Math.max(lo, value)) - lo, hi - lo));
}

/** Side of a square cell: as large as fits MAX_SIDE, between 10 and 32 px. */
export function cellSize(rows: number, cols: number): number {
  return Math.max(10, Math.min(32, Math.floor(MAX_SIDE / Math.max(1, rows, cols))));
}

export function heatGridChart(spec: HeatGridSpec): Chart {
  const { rows, cols } = spec;
  if (spec.values.length !== rows.length * cols.length) {
    throw new RangeError(
      `${rows.length}×${cols.length} cells need ${rows.length * cols.length} values, got ${spec.values.length}.`,
    );
  }
  const cell = cellSize(rows.length, cols.length);
  const longestCol = Math.max(0, ...cols.map((c) => textWidth(c, LABEL_SIZE)));
  // Column labels that do not fit across a cell are turned to read upwards at 45°.
  const rotate = longestCol > cell - 2;
  const colLabelHeight = rotate ? Math.min(90, longestCol * 0.71) + 8 : LABEL_SIZE + 6;
  const rowLabelWidth = Math.min(110, Math.max(0, ...rows.map((r) => textWidth(r, LABEL_SIZE)))) + 8;
  const left = 16 + LABEL_SIZE + 6 + rowLabelWidth;
  const top = 8 + LABEL_SIZE + 6 + colLabelHeight;
  const x = scaleBand<number>()
    .domain(cols.map((_, i) => i))
    .range([left, left + cell * cols.length]);
  const y = scaleBand<number>()
    .domain(rows.map((_, i) => i))
    .range([top, top + cell * rows.length]);
  const gridRight = left + cell * cols.length;
  const gridBottom = top + cell * rows.length;

  const marks: Mark[] = [];
  const text = (key: string, t: string, tx: number, ty: number, anchor: 'start' | 'middle' | 'end', extra = {}) =>
    marks.push({ kind: 'text', key, text: t, x: tx, y: ty, size: LABEL_SIZE, fill: INK.muted, anchor, ...extra });

  text('col-title', spec.colTitle, (left + gridRight) / 2, 8 + LABEL_SIZE, 'middle', { fill: INK.text });
  text('row-title', spec.rowTitle, 16 + LABEL_SIZE, (top + gridBottom) / 2, 'middle', { fill: INK.text, rotate: -90 });
  cols.forEach((c, j) => {
    const cx = x(j)! + cell / 2;
    if (rotate) text(`col-${j}`, fitText(c, LABEL_SIZE, 120), cx + 3, top - 4, 'start', { rotate: -45 });
    else text(`col-${j}`, c, cx, top - 5, 'middle');
  });
  rows.forEach((r, i) => text(`row-${i}`, fitText(r, LABEL_SIZE, 110), left - 5, y(i)! + cell / 2 + 4, 'end'));

  rows.forEach((_, i) =>
    cols.forEach((_, j) => {
      const value = spec.values[i * cols.length + j]!;
      marks.push({
        kind: 'rect',
        key: `cell-${i}-${j}`,
        x: x(j)!,
        y: y(i)!,
        width: cell,
        height: cell,
        fill: cellColor(value, spec.domain),
        stroke: '#FFFFFF',
        strokeWidth: cell >= 16 ? 1 : 0.5,
        tip: spec.tip(i, j, value),
      });
    }),
  );
  for (const { row, col } of spec.outline ?? []) {
    if (row < 0 || row >= rows.length || col < 0 || col >= cols.length) continue;
    marks.push({
      kind: 'rect',
      key: `outline-${row}-${col}`,
      x: x(col)! + 1,
      y: y(row)! + 1,
      width: cell - 2,
      height: cell - 2,
      fill: 'none',
      stroke: '#D62728',
      strokeWidth: 2,
    });
  }

  // Legend: stepped swatches from the low to the high end of the domain.
  const legendY = gridBottom + 18;
  const legendWidth = Math.max(120, Math.min(240, gridRight - left));
  const step = legendWidth / LEGEND_STEPS;
  for (let k = 0; k < LEGEND_STEPS; k++) {
    marks.push({
      kind: 'rect',
      key: `legend-${k}`,
      x: left + k * step,
      y: legendY,
      width: step + 0.5,
      height: 10,
      fill: viridisHex(Math.round((k / (LEGEND_STEPS - 1)) * (LEVELS - 1))),
    });
  }
  text('legend-low', spec.format(spec.domain[0]), left, legendY + 24, 'start');
  text('legend-high', spec.format(spec.domain[1]), left + legendWidth, legendY + 24, 'end');
  // The legend's caption on its own line, so it never runs into the end values.
  text('legend-label', spec.legendLabel, left, legendY + 40, 'start', { fill: INK.text });

  const width =
    Math.max(gridRight, left + legendWidth, left + textWidth(spec.legendLabel, LABEL_SIZE)) + 24 + (rotate ? 40 : 0);
  return {
    kind: spec.kind ?? 'head-grid',
    heading: spec.heading,
    model: spec.model,
    dataset: spec.dataset,
    notes: spec.notes ?? [],
    width: Math.max(width, 320),
    height: legendY + 50,
    marks,
  };
}
