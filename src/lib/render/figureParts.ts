/** Pieces that several figure layouts share: axis labels, the colour legend, key swatches. */

import { MARGIN, titleBlock, type TextLine, type TitleBlock } from './titleBlock';
import { LEVELS, viridisHex, type InkRole } from './palette';

export interface AxisLabel {
  key: string;
  /** Position in the displayed order. */
  index: number;
  text: string;
  /** The raw token ("Ġkeys"), when the text shown is its readable form. */
  raw?: string;
  x: number;
  /** Baseline (for rotated labels, the rotation origin). */
  y: number;
  size: number;
  role: InkRole;
  anchor: 'start' | 'end' | 'middle';
  /** Degrees, clockwise; 0 for horizontal text. */
  rotate: number;
}

export interface LegendStop {
  key: string;
  offset: number;
  color: string;
}

/** A viridis colour bar from 0 (bottom or left) to `max`. */
export interface ColorLegend {
  x: number;
  y: number;
  width: number;
  height: number;
  vertical: boolean;
  stops: LegendStop[];
  ticks: TextLine[];
}

export function colorLegend(
  x: number,
  y: number,
  length: number,
  vertical: boolean,
  low: string,
  high: string,
): ColorLegend {
  const stops = Array.from({ length: 11 }, (_, i) => ({
    key: `s${i}`,
    offset: i / 10,
    color: viridisHex(Math.round((i / 10) * (LEVELS - 1))),
  }));
  const tick = (key: string, text: string, tx: number, ty: number): TextLine => ({
    key,
    text,
    x: tx,
    y: ty,
    size: 11,
    bold: false,
    role: 'muted',
  });
  if (vertical) {
    return {
      x,
      y,
      width: 12,
      height: length,
      vertical,
      stops,
      ticks: [tick('high', high, x + 16, y + 9), tick('low', low, x + 16, y + length)],
    };
  }
  return {
    x,
    y,
    width: length,
    height: 10,
    vertical,
    stops,
    ticks: [tick('low', low, x, y + 24), tick('high', high, x + length, y + 24)],
  };
}

/** A coloured square and its text, in a figure's key. */
export interface KeyItem {
  key: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** When the colour is a text ink (segment A/B), its role, so a dark theme can swap it. */
  role?: InkRole;
  /** Hatched instead of filled: a switched-off head or cell. */
  hatched: boolean;
  /** Outlined, not filled: a head hidden from the picture (but on in the model and in aggregates). */
  hollow?: boolean;
  /** Crossed out: a head ablated inside the model for this run. */
  cross?: boolean;
  label: TextLine;
}

/** The strokes of a key item's cross (two diagonals, inset by 2 px). */
export function crossLines(x: number, y: number, size: number): [number, number, number, number][] {
  return [
    [x + 2, y + 2, x + size - 2, y + size - 2],
    [x + size - 2, y + 2, x + 2, y + size - 2],
  ];
}

/** Colour of the ablation cross (reads on both themes and on viridis). */
export const CROSS_COLOR = '#D62728';

export function keyItem(
  key: string,
  x: number,
  y: number,
  color: string,
  text: string,
  hatched = false,
  role?: InkRole,
): KeyItem {
  return {
    key,
    x,
    y,
    size: 12,
    color,
    role,
    hatched,
    label: { key: `${key}-label`, text, x: x + 17, y: y + 10, size: 11, bold: false, role: 'muted' },
  };
}

/** Where the body sits under the title, and the whole figure's size. */
export interface Frame {
  width: number;
  height: number;
  title: TitleBlock;
  bodyX: number;
  bodyY: number;
}

export const MIN_WIDTH = 560;

export function frame(
  body: { width: number; height: number },
  heading: string,
  run: { model: string; text: string; pair: string },
  notes: string[],
): Frame {
  const width = Math.ceil(Math.max(MIN_WIDTH, body.width + 2 * MARGIN));
  const title = titleBlock(heading, run.model, run.text, run.pair, notes, width);
  return { width, height: Math.ceil(title.height + body.height + MARGIN), title, bodyX: MARGIN, bodyY: title.height };
}
