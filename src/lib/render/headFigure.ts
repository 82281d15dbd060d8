/**
 * Layout of the head view (after bertviz, Vig 2019): the tokens twice, in two columns, and a line
 * from each token on the left to each token it attends to on the right. Each head has its own
 * colour and a swatch that switches it on and off; an aggregate is drawn in one colour.
 */

import { labelRole, type DisplayLabel } from './displayTokens';
import { frame, keyItem, type AxisLabel, type Frame, type KeyItem } from './figureParts';
import { headLines, LINE_THRESHOLD, MAX_LINE_PIXELS, MAX_LINES, type HeadLines } from './headLines';
import { fmt } from './svgWriter';
import { AGGREGATE_COLOR, headColor } from './palette';
import { baseline, textWidth, type TextLine } from './titleBlock';

export interface HeadSeries {
  key: string;
  color: string;
  /** The head index for per-head series; null for an aggregate. */
  head: number | null;
}

export interface HeadSwatch extends KeyItem {
  head: number;
  /** Switched on (not hatched). */
  on: boolean;
  /** Drawn in the picture (filled; hidden heads are outlined). */
  shown: boolean;
  /** Ablated inside the model for this run (crossed out). */
  ablated: boolean;
}

export interface HeadFigure {
  kind: 'head';
  heading: string;
  frame: Frame;
  body: { width: number; height: number };
  n: number;
  layer: number;
  rowHeight: number;
  top: number;
  leftLabels: AxisLabel[];
  rightLabels: AxisLabel[];
  lineX0: number;
  lineX1: number;
  /** Areas that pick a token under the pointer: the left and right label columns. */
  leftHit: { x: number; y: number; width: number; height: number };
  rightHit: { x: number; y: number; width: number; height: number };
  swatchCaption: TextLine;
  swatches: HeadSwatch[];
  aggregateKey: KeyItem | null;
  columnCaptions: TextLine[];
  series: HeadSeries[];
  /** Each series' [n, n] matrix, for the lines of one hovered token. */
  matrices: Float32Array[];
  /** The lines of the whole picture; with `deferLines`, worked out on first read. */
  readonly lines: HeadLines;
  /** The note on the lines (the first of the frame's notes, unless deferred: then read it when shown). */
  readonly lineNote: string;
  threshold: number;
}

/** The frame's line note while the lines are not yet counted (screen figures, `deferLines`). */
export const LINE_NOTE_PENDING = 'line opacity and width follow the weight; counting the lines…';
/** The key of the line note's paragraph in the frame's title block. */
export const LINE_NOTE_KEY = 'note-0';

export interface HeadInput {
  heading: string;
  run: { model: string; text: string; pair: string };
  notes: string[];
  labels: DisplayLabel[];
  isPair: boolean;
  layer: number;
  /** Every head of the layer: switched on, drawn (default: when on), ablated in the model. */
  heads: { head: number; on: boolean; shown?: boolean; ablated?: boolean }[];
  /** Per-head series (each switched-on head's [n, n] matrix) or one aggregate series. */
  series: { head: number | null; matrix: Float32Array }[];
  /** CSS px of room on screen; absent for files. */
  fitWidth?: number;
  /**
   * Count the lines only when they are first read (on screen: in a task after the one that shows
   * the view, since reading 12 heads of 512 tokens takes tens of ms); the frame then has
   * LINE_NOTE_PENDING where the line note goes.
   */
  deferLines?: boolean;
}

/**
 * Row height and font size for n tokens: roomy for sentences (roomier still on a wide screen),
 * compact for long inputs.
 */
export function headRows(n: number, wide = false): { rowHeight: number; fontSize: number } {
  if (n <= 30 && wide) return { rowHeight: 26, fontSize: 15 };
  if (n <= 60) return { rowHeight: 20, fontSize: 13 };
  if (n <= 200) return { rowHeight: 14, fontSize: 11 };
  return { rowHeight: 12, fontSize: 10 };
}

const SPAN = 240;
const MAX_SPAN = 640;
const SWATCH_STEP = 44;

export function headFigure(input: HeadInput): HeadFigure {
  const { labels, isPair } = input;
  const n = labels.length;
  const wide = (input.fitWidth ?? 0) >= 900;
  const { rowHeight, fontSize } = headRows(n, wide);
  const longest = labels.reduce((m, l) => Math.max(m, textWidth(l.text, fontSize)), 0);
  const labelWidth = Math.round(Math.min(160, Math.max(30, longest + 6)));

  const swatchCaption: TextLine = {
    key: 'swatch-caption',
    text: `Heads of layer ${input.layer + 1}:`,
    x: 0,
    y: 10,
    size: 11,
    bold: false,
    role: 'muted',
  };
  const swatchX = Math.ceil(textWidth(swatchCaption.text, 11)) + 8;
  const swatches: HeadSwatch[] = input.heads.map(({ head, on, shown = on, ablated = false }, k) => {
    const item = keyItem(`h${head}`, swatchX + k * SWATCH_STEP, 0, headColor(head), String(head + 1), !on);
    return {
      ...item,
      ...(on && !shown ? { hollow: true } : {}),
      ...(ablated ? { cross: true } : {}),
      head,
      on,
      shown: on && shown,
      ablated,
    };
  });
  const aggregated = input.series.length === 1 && input.series[0]!.head === null;
  const aggregateKey = aggregated ? keyItem('aggregate', 0, 22, AGGREGATE_COLOR, input.heading) : null;
  const captionY = aggregated ? 58 : 38;
  const top = captionY + 8;

  const lineX0 = labelWidth + 6;
  // On screen the lines get the room there is (up to a readable slope); files keep the fixed span.
  const span = input.fitWidth ? Math.max(SPAN, Math.min(MAX_SPAN, input.fitWidth - 2 * labelWidth - 16)) : SPAN;
  const lineX1 = lineX0 + span;
  const rightX = lineX1 + 6;
  const columnCaptions: TextLine[] = [
    { key: 'from', text: 'from', x: labelWidth, y: captionY, size: 11, bold: false, role: 'muted' },
    { key: 'to', text: 'to', x: rightX, y: captionY, size: 11, bold: false, role: 'muted' },
  ];
  const leftLabels: AxisLabel[] = [];
  const rightLabels: AxisLabel[] = [];
  labels.forEach((label, i) => {
    const y = baseline(top + i * rowHeight + rowHeight / 2, fontSize);
    const role = labelRole(label, isPair);
    const common = {
      index: i,
      text: label.text,
      ...(label.raw ? { raw: label.raw } : {}),
      y,
      size: fontSize,
      role,
      rotate: 0,
    };
    leftLabels.push({ ...common, key: `l${i}`, x: labelWidth, anchor: 'end' });
    rightLabels.push({ ...common, key: `r${i}`, x: rightX, anchor: 'start' });
  });

  const series: HeadSeries[] = input.series.map((s) => ({
    key: s.head === null ? 'aggregate' : `head-${s.head}`,
    color: s.head === null ? AGGREGATE_COLOR : headColor(s.head),
    head: s.head,
  }));
  const matrices = input.series.map((s) => s.matrix);
  // Each line as the canvas draws it (lineCanvas.ts): across the span, or down its rows when longer.
  let counted: HeadLines | undefined;
  const lines = () =>
    (counted ??= headLines(matrices, n, LINE_THRESHOLD, MAX_LINES, {
      length: (i, j) => Math.max(span, Math.abs(i - j) * rowHeight),
      pixelBudget: MAX_LINE_PIXELS,
    }));
  const lineNote = () => {
    const { from, omitted, drawnAbove } = lines();
    return omitted
      ? `line opacity and width follow the weight; of ${from.length + omitted} lines over ${LINE_THRESHOLD}, the ${from.length} over ${fmt(drawnAbove)} are drawn (hover a token for all of its lines)`
      : `line opacity and width follow the weight; weights under ${LINE_THRESHOLD} are not drawn`;
  };
  const columnsWidth = rightX + labelWidth;
  const swatchesWidth = swatchX + input.heads.length * SWATCH_STEP;
  const aggregateWidth = aggregateKey ? 17 + textWidth(input.heading, 11) : 0;
  const body = {
    width: Math.ceil(Math.max(columnsWidth, swatchesWidth, aggregateWidth)),
    height: Math.ceil(top + n * rowHeight + 4),
  };
  return {
    kind: 'head',
    heading: input.heading,
    frame: frame(body, input.heading, input.run, [input.deferLines ? LINE_NOTE_PENDING : lineNote(), ...input.notes]),
    body,
    n,
    layer: input.layer,
    rowHeight,
    top,
    leftLabels,
    rightLabels,
    lineX0,
    lineX1,
    leftHit: { x: 0, y: top, width: lineX0, height: n * rowHeight },
    rightHit: { x: lineX1, y: top, width: columnsWidth - lineX1, height: n * rowHeight },
    swatchCaption,
    swatches,
    aggregateKey,
    columnCaptions,
    series,
    matrices,
    get lines() {
      return lines();
    },
    get lineNote() {
      return lineNote();
    },
    threshold: LINE_THRESHOLD,
  };
}

/** Vertical centre of token row i. */
export function rowMiddle(figure: Pick<HeadFigure, 'top' | 'rowHeight'>, i: number): number {
  return figure.top + i * figure.rowHeight + figure.rowHeight / 2;
}
