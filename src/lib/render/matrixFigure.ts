/**
 * Layout of the matrix view: one head or aggregate as a heatmap with token labels on both axes
 * (rows attend from, columns to) and a viridis legend. Pure: the screen and the SVG file both draw it.
 */

import { maxValue } from '../analysis/attentionTensor';
import { labelRole, type DisplayLabel } from './displayTokens';
import { colorLegend, frame, keyItem, type AxisLabel, type ColorLegend, type Frame, type KeyItem } from './figureParts';
import { heatmapPixels } from './heatmapImage';
import { headColor, INK } from './palette';
import { encodeIndexedPng, pngDataUrl } from './png';
import { VIRIDIS } from './palette';
import { baseline, textWidth, type TextLine } from './titleBlock';

export interface MatrixFigure {
  kind: 'matrix';
  heading: string;
  frame: Frame;
  body: { width: number; height: number };
  n: number;
  cell: number;
  grid: { x: number; y: number; size: number };
  /** Every k-th token is labelled on the axes (1: every token). */
  tickStep: number;
  rowLabels: AxisLabel[];
  colLabels: AxisLabel[];
  /** The cells as a PNG data URL: `pixels` a side, drawn at grid size. */
  image: { href: string; pixels: number };
  legend: ColorLegend;
  segmentKey: KeyItem[];
  /** One head's colour (the colour it has in every view); null for an aggregate. */
  headKey: KeyItem | null;
  axisNote: TextLine;
  /** The drawn values, for the hover readout. */
  values: Float32Array;
  labels: DisplayLabel[];
  max: number;
}

export interface MatrixInput {
  heading: string;
  run: { model: string; text: string; pair: string };
  notes: string[];
  matrix: Float32Array;
  labels: DisplayLabel[];
  isPair: boolean;
  /** The head shown (0-based), or null for an aggregate. */
  head?: number | null;
  /** That head is ablated in the model for this run. */
  ablated?: boolean;
  /** CSS px of room on screen; absent for files. */
  fitWidth?: number;
}

/**
 * Cell size: 18 px up to 64 tokens, then shrinking to keep the map near 1152 px. On screen
 * (`fitWidth`), the map grows to the room there is (cells up to 112 px, the map up to 720 px tall)
 * and long inputs shrink to fit it, down to 2 px cells.
 */
export function matrixCell(n: number, fitWidth?: number): number {
  const base = n <= 64 ? 18 : Math.max(3, Math.floor(1152 / n));
  if (!fitWidth || n === 0) return base;
  const room = Math.min(Math.floor((fitWidth - 220) / n), Math.floor(720 / n), 112);
  return n <= 64 ? Math.max(base, room) : Math.max(2, Math.min(base, room));
}

/** Room a tick label needs along its axis (px): an 11 px line, and a -60° column label's height across. */
export const TICK_PITCH = 14;
export const TICK_FONT = 11;

/**
 * Which tokens are labelled: every one when the cells hold a label (9 px and up), else every k-th,
 * k the smallest step whose labels are TICK_PITCH apart, so that none collide.
 */
export function tickStep(cell: number): number {
  return cell >= 9 ? 1 : Math.ceil(TICK_PITCH / Math.max(cell, 0.5));
}

/** Pixels per cell inside the PNG: sharp at small sizes without making long inputs' files huge. */
export function imageScale(n: number, cell: number): number {
  return Math.max(1, Math.min(cell, Math.floor(256 / Math.max(1, n))));
}

export function matrixFigure(input: MatrixInput): MatrixFigure {
  const { labels, matrix, isPair } = input;
  const n = labels.length;
  const cell = matrixCell(n, input.fitWidth);
  // Too small for every token's label: a tick label every k-th token (the hover readout names any cell).
  const step = tickStep(cell);
  const shown = (i: number) => i % step === 0;
  const fontSize = step > 1 ? TICK_FONT : Math.min(cell >= 30 ? 15 : 12, cell - 2);
  const longest = labels.reduce((m, l, i) => (shown(i) ? Math.max(m, textWidth(l.text, fontSize)) : m), 0);
  const labelSpace = n > 0 ? Math.round(Math.min(140, Math.max(24, longest + 8))) : 8;
  const colSpace = n > 0 ? Math.round(labelSpace * 0.87 + 6) : 8;
  const size = n * cell;
  const grid = { x: labelSpace, y: colSpace, size };

  const rowLabels: AxisLabel[] = [];
  const colLabels: AxisLabel[] = [];
  labels.forEach((label, i) => {
    if (!shown(i)) return;
    const role = labelRole(label, isPair);
    const middle = i * cell + cell / 2;
    rowLabels.push({
      key: `r${i}`,
      index: i,
      text: label.text,
      ...(label.raw ? { raw: label.raw } : {}),
      x: grid.x - 6,
      y: baseline(grid.y + middle, fontSize),
      size: fontSize,
      role,
      anchor: 'end',
      rotate: 0,
    });
    colLabels.push({
      key: `c${i}`,
      index: i,
      text: label.text,
      ...(label.raw ? { raw: label.raw } : {}),
      x: grid.x + middle + fontSize * 0.3,
      y: grid.y - 6,
      size: fontSize,
      role,
      anchor: 'start',
      rotate: -60,
    });
  });

  const max = maxValue(matrix);
  const scale = imageScale(n, cell);
  const pixels = n * scale;
  const href =
    n > 0
      ? pngDataUrl(
          encodeIndexedPng({
            width: pixels,
            height: pixels,
            indices: heatmapPixels(matrix, n, max, scale),
            palette: VIRIDIS,
          }),
        )
      : '';

  const legendX = grid.x + size + 18;
  const legendLength = Math.min(220, Math.max(80, size));
  const maxText = max.toFixed(3);
  const legend = colorLegend(legendX, grid.y, legendLength, true, '0', maxText);
  const segmentKey = isPair
    ? [
        keyItem('seg-a', legendX, grid.y + legendLength + 16, INK.segmentA, 'sentence A', false, 'segmentA'),
        keyItem('seg-b', legendX, grid.y + legendLength + 34, INK.segmentB, 'sentence B', false, 'segmentB'),
      ]
    : [];
  const headKey =
    input.head === undefined || input.head === null
      ? null
      : {
          ...keyItem(
            'head',
            legendX,
            grid.y + legendLength + (isPair ? 52 : 16),
            headColor(input.head),
            `head ${input.head + 1}`,
          ),
          cross: input.ablated === true,
        };
  const axisNote: TextLine = {
    key: 'axis-note',
    text: 'rows attend from, columns to',
    x: grid.x,
    y: grid.y + size + 16,
    size: 11,
    bold: false,
    role: 'muted',
  };
  const body = {
    width: Math.ceil(
      Math.max(
        legendX +
          16 +
          Math.max(
            textWidth(maxText, 11),
            isPair ? 17 + textWidth('sentence A', 11) : 0,
            headKey ? 17 + textWidth(headKey.label.text, 11) : 0,
          ),
        grid.x + size + labelSpace * 0.5,
      ),
    ),
    height: Math.ceil(Math.max(grid.y + size + 22, grid.y + legendLength + (isPair ? 52 : 4) + (headKey ? 18 : 0))),
  };
  return {
    kind: 'matrix',
    heading: input.heading,
    frame: frame(body, input.heading, input.run, input.notes),
    body,
    n,
    cell,
    grid,
    tickStep: step,
    rowLabels,
    colLabels,
    image: { href, pixels },
    legend,
    segmentKey,
    headKey,
    axisNote,
    values: matrix,
    labels,
    max,
  };
}
