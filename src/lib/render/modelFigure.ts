/**
 * Layout of the model view: every head of every layer as a small attention map, layers in rows and
 * heads in columns (both counted from 1). Each map is resampled to its cell and coloured on its own
 * 0…max, so weak and sharp heads both show their pattern. Switched-off heads are hatched.
 */

import { colorLegend, frame, keyItem, type ColorLegend, type Frame, type KeyItem } from './figureParts';
import { thumbnailPixels } from './heatmapImage';
import { HATCH, headColor, PAPER } from './palette';
import { baseline, type TextLine } from './titleBlock';

export interface ModelCell {
  key: string;
  layer: number;
  head: number;
  x: number;
  y: number;
  on: boolean;
  /** Switched off inside the model for this run (ablation): marked with a cross. */
  ablated: boolean;
  /** cell × cell palette indices; resampled on first read (the screen paints the maps a few at a time). */
  readonly pixels: Uint8Array;
  /** The largest resampled value, the top of this map's scale. */
  readonly max: number;
}

const NO_PIXELS = { pixels: new Uint8Array(0), max: 0 };

export interface GridLabel extends TextLine {
  index: number;
  on: boolean;
}

export interface ModelFigure {
  kind: 'model';
  heading: string;
  frame: Frame;
  body: { width: number; height: number };
  layers: number;
  heads: number;
  cell: number;
  gap: number;
  grid: { x: number; y: number; width: number; height: number };
  rowLabels: GridLabel[];
  colLabels: GridLabel[];
  cells: ModelCell[];
  legend: ColorLegend;
  offKey: KeyItem;
  /** The key to the ablation cross, when a head is ablated. */
  ablatedKey: KeyItem | null;
  /** A bar in each head's colour above its column (the colour it has in every view). */
  headBars: { key: string; x: number; y: number; width: number; height: number; color: string }[];
}

export interface ModelInput {
  heading: string;
  run: { model: string; text: string; pair: string };
  notes: string[];
  layers: number;
  heads: number;
  /** Number of displayed tokens. */
  n: number;
  /** The displayed [n, n] matrix of a head. */
  matrixOf: (layer: number, head: number) => Float32Array;
  isOn: (layer: number, head: number) => boolean;
  isAblated?: (layer: number, head: number) => boolean;
  layerOn: (layer: number) => boolean;
  headColumnOn: (head: number) => boolean;
  /** CSS px of room on screen; absent for files. */
  fitWidth?: number;
}

export const GAP = 6;
const ROW_LABELS = 64;
const COL_LABELS = 26;

/**
 * Cell size: whole multiples of the token count when it fits (sharp cells), else shrunk to the
 * target: 880 px of maps in a row, or on screen (`fitWidth`) the room there is (maps up to 200 px).
 */
export function modelCell(heads: number, n: number, fitWidth?: number): number {
  const room = fitWidth ? fitWidth - ROW_LABELS - 16 : 880;
  const target = Math.max(28, Math.min(fitWidth ? 200 : 96, Math.floor(room / Math.max(1, heads)) - GAP));
  if (n === 0) return target;
  return n <= target ? n * Math.floor(target / n) : target;
}

export function modelFigure(input: ModelInput): ModelFigure {
  const { layers, heads, n } = input;
  const cell = modelCell(heads, n, input.fitWidth);
  const pitch = cell + GAP;
  const grid = { x: ROW_LABELS, y: COL_LABELS, width: heads * pitch - GAP, height: layers * pitch - GAP };
  const cells: ModelCell[] = [];
  for (let l = 0; l < layers; l++) {
    for (let h = 0; h < heads; h++) {
      // Every displayed matrix is made now (the notes count what the display removed from them);
      // resampling them, most of the work at 512 tokens, waits until a cell's pixels are read.
      const matrix = n > 0 ? input.matrixOf(l, h) : null;
      let thumbnail: { pixels: Uint8Array; max: number } | undefined;
      const resampled = () => (thumbnail ??= matrix ? thumbnailPixels(matrix, n, cell) : NO_PIXELS);
      cells.push({
        key: `${l}-${h}`,
        layer: l,
        head: h,
        x: grid.x + h * pitch,
        y: grid.y + l * pitch,
        on: input.isOn(l, h),
        ablated: input.isAblated?.(l, h) ?? false,
        get pixels() {
          return resampled().pixels;
        },
        get max() {
          return resampled().max;
        },
      });
    }
  }
  const label = (key: string, text: string, x: number, y: number, anchor: TextLine['anchor']): TextLine => ({
    key,
    text,
    x,
    y,
    size: 12,
    bold: false,
    role: 'text',
    anchor,
  });
  const toggle = (line: TextLine, index: number, on: boolean): GridLabel => ({
    ...line,
    role: on ? 'text' : 'muted',
    struck: !on,
    index,
    on,
  });
  const rowLabels = Array.from({ length: layers }, (_, l) =>
    toggle(
      label(`layer-${l}`, `layer ${l + 1}`, 0, baseline(grid.y + l * pitch + cell / 2, 12), 'start'),
      l,
      input.layerOn(l),
    ),
  );
  const colLabels = Array.from({ length: heads }, (_, h) =>
    toggle(label(`head-${h}`, `head ${h + 1}`, grid.x + h * pitch + cell / 2, 14, 'middle'), h, input.headColumnOn(h)),
  );
  const legendY = grid.y + grid.height + 14;
  const legend = colorLegend(grid.x, legendY, 140, false, '0', 'max of each map');
  const offKey = keyItem('off', grid.x + 240, legendY - 1, HATCH.line, 'switched off', true);
  const ablatedKey = cells.some((c) => c.ablated)
    ? { ...keyItem('ablated', offKey.x + 110, legendY - 1, PAPER, 'ablated in the model'), cross: true }
    : null;
  const headBars = Array.from({ length: heads }, (_, h) => ({
    key: `bar-${h}`,
    x: grid.x + h * pitch,
    y: COL_LABELS - 7,
    width: cell,
    height: 3,
    color: headColor(h),
  }));
  const body = {
    width: Math.ceil(Math.max(grid.x + grid.width, (ablatedKey ?? offKey).x + 130)),
    height: Math.ceil(legendY + 30),
  };
  return {
    kind: 'model',
    heading: input.heading,
    frame: frame(body, input.heading, input.run, input.notes),
    body,
    layers,
    heads,
    cell,
    gap: GAP,
    grid,
    rowLabels,
    colLabels,
    cells,
    legend,
    offKey,
    ablatedKey,
    headBars,
  };
}
