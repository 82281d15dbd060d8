/**
 * One entry point from a run and the view options to a figure layout. The app draws the layout on
 * screen and exports it; `bertology render` builds the same layout from the same inputs, so the
 * file it writes is the app's file.
 */

import { headMatrix } from '../analysis/attentionTensor';
import { headName, layerName } from '../analysis/layerLabels';
import { frame } from './figureParts';
import { displayMatrix, displayNotes, tokenDisplay, type TokenDisplay } from './displayTokens';
import { headFigure, type HeadFigure } from './headFigure';
import { matrixFigure, type MatrixFigure } from './matrixFigure';
import { modelFigure, type ModelFigure } from './modelFigure';
import {
  headsOff,
  headsOn,
  isHeadOn,
  isLayerOn,
  resolveSource,
  sourceMatrix,
  sourceName,
  type RolloutLookup,
  type Source,
} from './selection';
import type { FigureRun, ViewOptions } from './viewOptions';

export type Figure = MatrixFigure | HeadFigure | ModelFigure;
/** `pending`: the figure is being computed (a long rollout); the last one may stand in for it. */
export type FigureResult = { ok: true; figure: Figure } | { ok: false; message: string; pending?: boolean };

const ROLLOUT_NOTE =
  'attention rollout (Abnar & Zuidema 2020): mean of the heads plus identity for the residual, rows renormalised, multiplied up the layers';

function sourceNotes(source: Source): string[] {
  return source.kind === 'rollout' ? [ROLLOUT_NOTE] : [];
}

function offNote(run: FigureRun, options: ViewOptions): string[] {
  const off = headsOff(options, run.dims).length;
  return off > 0 ? [`${off} of ${run.dims[0] * run.dims[1]} heads switched off`] : [];
}

function isAblated(run: FigureRun, layer: number, head: number): boolean {
  return run.ablated?.some((r) => r.layer === layer && r.head === head) ?? false;
}

function ablatedNote(run: FigureRun): string[] {
  const n = run.ablated?.length ?? 0;
  return n > 0 ? [`${n} head${n === 1 ? '' : 's'} ablated in the model for this run (marked ×)`] : [];
}

function checkRun(run: FigureRun): string | null {
  const [layers, heads, seq, seq2] = run.dims;
  if (seq !== seq2 || seq !== run.tokens.length || run.attention.length !== layers * heads * seq * seq) {
    return `The attention [${run.dims.join(', ')}] does not match the ${run.tokens.length} tokens.`;
  }
  return null;
}

export function buildFigure(run: FigureRun, options: ViewOptions, cached?: RolloutLookup): FigureResult {
  const problem = checkRun(run);
  if (problem) return { ok: false, message: problem };
  const display = tokenDisplay(run.tokens, run.family, options);
  switch (options.view) {
    case 'matrix':
      return matrixView(run, options, display, cached);
    case 'head':
      return headView(run, options, display, cached);
    case 'model':
      return { ok: true, figure: modelView(run, options, display) };
  }
}

function matrixView(run: FigureRun, options: ViewOptions, display: TokenDisplay, cached?: RolloutLookup): FigureResult {
  const resolved = resolveSource(options, run.dims);
  if (!resolved.ok) return resolved;
  const { source } = resolved;
  const shown = displayMatrix(sourceMatrix(run.attention, run.dims, source, cached), display);
  const off = source.kind === 'head' && !isHeadOn(options, source.layer, source.head);
  const ablated = source.kind === 'head' && isAblated(run, source.layer, source.head);
  const heading = `${sourceName(source)}${ablated ? ' (ablated)' : off ? ' (switched off)' : ''}`;
  const notes = [
    ...sourceNotes(source),
    ...displayNotes(display, shown.meanRemoved),
    ...offNote(run, options),
    ...ablatedNote(run),
  ];
  const figure = matrixFigure({
    heading,
    run,
    notes,
    matrix: shown.matrix,
    labels: display.labels,
    isPair: display.isPair,
    head: source.kind === 'head' ? source.head : null,
    ablated,
    fitWidth: options.fitWidth,
  });
  return { ok: true, figure };
}

function headView(run: FigureRun, options: ViewOptions, display: TokenDisplay, cached?: RolloutLookup): FigureResult {
  const { layer } = options;
  const dims = run.dims;
  if (layer < 0 || layer >= dims[0]) {
    return { ok: false, message: `${layerName(layer)} is outside this model (${dims[0]} layers).` };
  }
  const shownHeads = options.shownHeads ?? null;
  const on = headsOn(options, dims, layer).filter((h) => shownHeads === null || shownHeads.includes(h));
  const heads = Array.from({ length: dims[1] }, (_, h) => ({
    head: h,
    on: isHeadOn(options, layer, h),
    shown: on.includes(h),
    ablated: isAblated(run, layer, h),
  }));
  let heading: string;
  let series: { head: number | null; matrix: Float32Array }[];
  let removed: number[] = [];
  let notes: string[] = [];
  if (options.aggregate === 'head') {
    heading =
      on.length === dims[1]
        ? `${layerName(layer)}, all ${dims[1]} heads`
        : on.length === 1
          ? headName(layer, on[0]!)
          : `${layerName(layer)}, ${on.length} of ${dims[1]} heads`;
    series = on.map((h) => {
      const shown = displayMatrix(headMatrix(run.attention, dims, layer, h), display);
      if (shown.meanRemoved !== null) removed.push(shown.meanRemoved);
      return { head: h, matrix: shown.matrix };
    });
  } else {
    const resolved = resolveSource({ ...options, head: 0 }, dims);
    if (!resolved.ok) return resolved;
    const shown = displayMatrix(sourceMatrix(run.attention, dims, resolved.source, cached), display);
    if (shown.meanRemoved !== null) removed = [shown.meanRemoved];
    heading = sourceName(resolved.source);
    series = [{ head: null, matrix: shown.matrix }];
    notes = sourceNotes(resolved.source);
  }
  const meanRemoved = removed.length
    ? removed.reduce((a, b) => a + b, 0) / removed.length
    : display.hideSpecial
      ? 0
      : null;
  notes = [...notes, ...displayNotes(display, meanRemoved), ...offNote(run, options), ...ablatedNote(run)];
  const figure = headFigure({
    heading,
    run,
    notes,
    labels: display.labels,
    isPair: display.isPair,
    layer,
    heads,
    series,
    fitWidth: options.fitWidth,
    // On screen (fitted), the lines are counted after the view is shown; files have them at once.
    deferLines: options.fitWidth !== undefined,
  });
  return { ok: true, figure };
}

function modelView(run: FigureRun, options: ViewOptions, display: TokenDisplay): ModelFigure {
  const [layers, heads] = run.dims;
  let removedSum = 0;
  let removedCount = 0;
  const figure = modelFigure({
    heading: `all ${layers} layers × ${heads} heads`,
    run,
    notes: [],
    layers,
    heads,
    n: display.labels.length,
    matrixOf: (l, h) => {
      const shown = displayMatrix(headMatrix(run.attention, run.dims, l, h), display);
      if (shown.meanRemoved !== null) {
        removedSum += shown.meanRemoved;
        removedCount++;
      }
      return shown.matrix;
    },
    isOn: (l, h) => isHeadOn(options, l, h),
    isAblated: (l, h) => isAblated(run, l, h),
    layerOn: (l) => isLayerOn(options, l),
    // Struck through only when the head is off in every layer.
    headColumnOn: (h) => Array.from({ length: layers }, (_, l) => l).some((l) => isHeadOn(options, l, h)),
    fitWidth: options.fitWidth,
  });
  const notes = [
    'each map coloured from 0 to its own maximum; rows attend from, columns to',
    ...displayNotes(display, removedCount ? removedSum / removedCount : display.hideSpecial ? 0 : null),
    ...offNote(run, options),
    ...ablatedNote(run),
  ];
  // The notes are known only after every map is drawn; the frame is laid out again with them.
  return { ...figure, frame: frame(figure.body, figure.heading, run, notes) };
}
