/**
 * A chart as a flat list of marks in body coordinates, plus what its title says. The claims lab
 * draws the marks with Svelte (one keyed {#each}, so draw order is kept) and `chartSvg` writes the
 * same marks to a file: what a person sees on screen is what they export.
 */

/** Every mark has a stable key for keyed drawing; `tip` is what hovering it reads out. */
interface MarkBase {
  key: string;
  tip?: string;
}

export interface RectMark extends MarkBase {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  stroke?: string;
  strokeWidth?: number;
}

export interface LineMark extends MarkBase {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  strokeWidth: number;
  dash?: string;
}

export interface PathMark extends MarkBase {
  kind: 'path';
  d: string;
  stroke: string;
  strokeWidth: number;
  fill: string;
  dash?: string;
}

export interface CircleMark extends MarkBase {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: string;
  stroke?: string;
}

export interface TextMark extends MarkBase {
  kind: 'text';
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  size: number;
  fill: string;
  anchor: 'start' | 'middle' | 'end';
  bold?: boolean;
  /** Degrees clockwise around (x, y). */
  rotate?: number;
}

export type Mark = RectMark | LineMark | PathMark | CircleMark | TextMark;

export interface Chart {
  /** What kind of chart, for file names and the file's description ("head-grid", "layer-curve", …). */
  kind: string;
  /** What is shown, e.g. "Mean attention to [SEP] per head". */
  heading: string;
  /** The model's label. */
  model: string;
  /** What it was measured on: a dataset and its size, or the sentence in quotes. */
  dataset: string;
  /** Short remarks printed under the title (e.g. "random-weight demo model: the numbers mean nothing"). */
  notes: string[];
  /** Body size; the exported file adds the title above it. */
  width: number;
  height: number;
  marks: Mark[];
}

/** What every chart builder needs to say about its numbers' origin. */
export interface ChartContext {
  heading: string;
  model: string;
  dataset: string;
  notes?: string[];
}

/** "heading · model · dataset": the exported file's <title> and the screen's accessible name. */
export function chartTitle(chart: Pick<Chart, 'heading' | 'model' | 'dataset'>): string {
  return [chart.heading, chart.model, chart.dataset].filter((s) => s !== '').join(' · ');
}
