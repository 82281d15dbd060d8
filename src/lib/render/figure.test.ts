import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { headMatrix, maxValue } from '../analysis/attentionTensor';
import { buildFigure, type Figure } from './figure';
import { headRows, rowMiddle } from './headFigure';
import { imageScale, matrixCell } from './matrixFigure';
import { GAP, modelCell } from './modelFigure';
import { AGGREGATE_COLOR, headColor, levelIndex } from './palette';
import { tinyRun } from './testing/tinyRun';
import { DEFAULT_VIEW_OPTIONS, type ViewOptions } from './viewOptions';

function build(options: Partial<ViewOptions>, run = tinyRun()): Figure {
  const result = buildFigure(run, { ...DEFAULT_VIEW_OPTIONS, ...options });
  if (!result.ok) throw new Error(result.message);
  return result.figure;
}

/** Palette indices of a data-URL PNG made by encodeIndexedPng (filter 0 rows). */
function pngIndices(href: string): { width: number; rows: Uint8Array[] } {
  const png = Buffer.from(href.replace('data:image/png;base64,', ''), 'base64');
  const width = png.readUInt32BE(16);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows = [];
  for (let y = 0; y * (width + 1) < raw.length; y++)
    rows.push(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)));
  return { width, rows };
}

describe('cell sizes', () => {
  it.each([
    [12, 18],
    [64, 18],
    [128, 9],
    [512, 3],
  ])('matrix view, %i tokens: %i px cells', (n, cell) => expect(matrixCell(n)).toBe(cell));

  it('model view cells are whole multiples of short inputs and shrink for long ones', () => {
    expect(modelCell(4, 12)).toBe(96);
    expect(modelCell(12, 12)).toBe(60); // target 67 → 5 × 12
    expect(modelCell(12, 128)).toBe(67);
    expect(modelCell(4, 0)).toBe(96);
  });

  it('matrix images keep small inputs sharp and long ones small', () => {
    expect(imageScale(12, 18)).toBe(18);
    expect(imageScale(64, 18)).toBe(4);
    expect(imageScale(512, 3)).toBe(1);
  });
});

describe('matrix view layout', () => {
  const run = tinyRun();
  const figure = build({ layer: 1, head: 0 }, run);
  if (figure.kind !== 'matrix') throw new Error('not a matrix');

  it('puts one label per token on each axis, centred on its row or column', () => {
    expect(figure.heading).toBe('head 2-1');
    expect(figure.rowLabels.map((l) => l.text)).toEqual(['[CLS]', 'the', 'cab', '##inet', 'sat', '[SEP]']);
    expect(figure.cell).toBe(18);
    figure.rowLabels.forEach((l, i) => expect(l.y).toBeCloseTo(figure.grid.y + i * 18 + 9 + 12 * 0.35, 6));
    figure.colLabels.forEach((l, i) => expect(l.x).toBeCloseTo(figure.grid.x + i * 18 + 9 + 12 * 0.3, 6));
    expect(figure.rowLabels[0]!.role).toBe('special');
    expect(figure.grid.size).toBe(108);
  });

  it('embeds the cells as a PNG whose pixels are the values on the viridis scale', () => {
    const matrix = headMatrix(run.attention, run.dims, 1, 0);
    const max = maxValue(matrix);
    const { width, rows } = pngIndices(figure.image.href);
    expect(width).toBe(108);
    for (const [i, j] of [
      [0, 0],
      [3, 4],
      [5, 5],
    ] as const) {
      expect(rows[i * 18 + 7]![j * 18 + 11]).toBe(levelIndex(matrix[i * 6 + j]!, max));
    }
    expect(figure.legend.ticks.map((t) => t.text)).toEqual([max.toFixed(3), '0']);
  });
});

describe('head view layout', () => {
  it('draws each switched-on head in its colour from the left column to the right', () => {
    const figure = build({ view: 'head', layer: 0, offHeads: [{ layer: 0, head: 1 }] });
    if (figure.kind !== 'head') throw new Error('not a head view');
    expect(figure.heading).toBe('head 1-1');
    expect(figure.swatches.map((s) => [s.label.text, s.on, s.hatched])).toEqual([
      ['1', true, false],
      ['2', false, true],
    ]);
    expect(figure.series.map((s) => s.key)).toEqual(['head-0']);
    expect(figure.lines.from.length).toBe(36); // every weight of the tiny run is over 0.01
    expect(rowMiddle(figure, 2)).toBe(figure.top + 50);
    figure.leftLabels.forEach((l) => expect(l.anchor).toBe('end'));
    expect(figure.rightLabels[0]!.x).toBeGreaterThan(figure.lineX1);
  });

  it('draws only the shown heads; hidden ones are outlined, not hatched', () => {
    const figure = build({ view: 'head', layer: 0, shownHeads: [1] });
    if (figure.kind !== 'head') throw new Error('not a head view');
    expect(figure.heading).toBe('head 1-2');
    expect(figure.series).toEqual([{ key: 'head-1', color: headColor(1), head: 1 }]);
    expect(figure.swatches.map((s) => [s.shown, s.hollow ?? false, s.hatched])).toEqual([
      [false, true, false],
      [true, false, false],
    ]);
    const none = build({ view: 'head', layer: 0, shownHeads: [] });
    if (none.kind !== 'head') throw new Error('not a head view');
    expect(none.lines.from.length).toBe(0);
  });

  it('draws an aggregate in one colour, with its name in the key', () => {
    const figure = build({ view: 'head', layer: 2, aggregate: 'rollout' });
    if (figure.kind !== 'head') throw new Error('not a head view');
    expect(figure.heading).toBe('rollout to layer 3');
    expect(figure.aggregateKey?.label.text).toBe('rollout to layer 3');
    expect(figure.series).toEqual([{ key: 'aggregate', color: AGGREGATE_COLOR, head: null }]);
  });
});

describe('model view layout', () => {
  it('lays every head out in a grid and marks switched-off ones', () => {
    const figure = build({ view: 'model', offLayers: [1], offHeads: [{ layer: 0, head: 1 }] });
    if (figure.kind !== 'model') throw new Error('not a model view');
    expect(figure.cells).toHaveLength(6);
    expect(figure.cell).toBe(96);
    expect(figure.cells.map((c) => c.on)).toEqual([true, false, false, false, true, true]);
    expect(figure.cells[3]).toMatchObject({
      layer: 1,
      head: 1,
      x: figure.grid.x + 96 + GAP,
      y: figure.grid.y + 96 + GAP,
    });
    expect(figure.rowLabels.map((l) => [l.text, l.on])).toEqual([
      ['layer 1', true],
      ['layer 2', false],
      ['layer 3', true],
    ]);
    // Head 2 is still on in layer 3, so its column header is not struck through.
    expect(figure.colLabels.map((l) => [l.text, l.on])).toEqual([
      ['head 1', true],
      ['head 2', true],
    ]);
    expect(figure.cells[0]!.pixels).toHaveLength(96 * 96);
    expect(figure.frame.title.paragraphs.at(-1)!.text).toBe('3 of 6 heads switched off');
    const allOff = build({ view: 'model', offHeads: [0, 1, 2].map((layer) => ({ layer, head: 1 })) });
    if (allOff.kind !== 'model') throw new Error('not a model view');
    expect(allOff.colLabels.map((l) => l.on)).toEqual([true, false]);
    expect(allOff.headBars.map((b) => b.color)).toEqual([headColor(0), headColor(1)]);
  });

  it('crosses out ablated heads, in the model, head and matrix views', () => {
    const run = { ...tinyRun(), ablated: [{ layer: 1, head: 0 }] };
    const model = buildFigure(run, { ...DEFAULT_VIEW_OPTIONS, view: 'model' });
    if (!model.ok || model.figure.kind !== 'model') throw new Error('not a model view');
    expect(model.figure.cells.filter((c) => c.ablated).map((c) => c.key)).toEqual(['1-0']);
    expect(model.figure.ablatedKey?.label.text).toBe('ablated in the model');
    const head = buildFigure(run, { ...DEFAULT_VIEW_OPTIONS, view: 'head', layer: 1 });
    if (!head.ok || head.figure.kind !== 'head') throw new Error('not a head view');
    expect(head.figure.swatches.map((s) => s.cross ?? false)).toEqual([true, false]);
    const matrix = buildFigure(run, { ...DEFAULT_VIEW_OPTIONS, layer: 1, head: 0 });
    if (!matrix.ok || matrix.figure.kind !== 'matrix') throw new Error('not a matrix view');
    expect(matrix.figure.heading).toBe('head 2-1 (ablated)');
    expect(matrix.figure.headKey).toMatchObject({ color: headColor(0), cross: true });
  });
});

describe('buildFigure errors are values a person can read', () => {
  it('when there is nothing to average', () => {
    const result = buildFigure(tinyRun(), { ...DEFAULT_VIEW_OPTIONS, aggregate: 'mean', offLayers: [0] });
    expect(result).toEqual({
      ok: false,
      message: 'Every head of layer 1 is switched off, so there is nothing to average. Switch a head on.',
    });
  });

  it('when the tensor does not fit the tokens', () => {
    const run = { ...tinyRun(), dims: [3, 2, 5, 5] as const };
    expect(buildFigure(run, DEFAULT_VIEW_OPTIONS)).toMatchObject({ ok: false, message: /does not match the 6 tokens/ });
  });
});

describe('figures on screen fit the room they have (files keep the fixed layout)', () => {
  it('use at least half of a 1440 px window for a sentence', () => {
    for (const view of ['head', 'matrix', 'model'] as const) {
      const fitted = build({ view, fitWidth: 1400 }, tinyRun({ heads: 4 }));
      const fixed = build({ view }, tinyRun({ heads: 4 }));
      expect(fitted.body.width, view).toBeGreaterThanOrEqual(720);
      expect(fitted.body.width, view).toBeLessThanOrEqual(1400);
      expect(fixed.body.width, view).toBeLessThan(fitted.body.width);
    }
  });

  it('fit a 512-token matrix in the width, and keep head view labels inside their rows', () => {
    expect(matrixCell(512, 1400) * 512).toBeLessThanOrEqual(1400 - 220);
    expect(matrixCell(512, 1400)).toBeGreaterThanOrEqual(2);
    expect(matrixCell(512)).toBe(3); // files as before
    for (const n of [9, 100, 512]) {
      const rows = headRows(n, true);
      expect(rows.fontSize, `${n} tokens`).toBeLessThan(rows.rowHeight);
    }
  });
});
