import { describe, expect, it } from 'vitest';
import { matrixCell, matrixFigure, TICK_PITCH, tickStep } from './matrixFigure';

/** A long input's matrix: each row attends to the token before it. */
function longMatrix(n: number, fitWidth?: number) {
  const matrix = new Float32Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + Math.max(0, i - 1)] = 1;
  const labels = Array.from({ length: n }, (_, i) => ({ text: `w${i}`, special: false, segment: 0 }));
  return matrixFigure({
    heading: 'head 1-1',
    run: { model: 'm', text: 't', pair: '' },
    notes: [],
    matrix,
    labels,
    isPair: false,
    head: 0,
    ...(fitWidth ? { fitWidth } : {}),
  });
}

describe('matrix axis labels for long inputs', () => {
  it.each([
    [18, 1],
    [9, 1],
    [8, 2],
    [3, 5],
    [2, 7],
    [1, 14],
  ])('%i px cells: one token in %i is labelled', (cell, step) => expect(tickStep(cell)).toBe(step));

  it.each([
    [512, 1000],
    [512, undefined],
    [300, 1200],
    [100, 1000],
  ])('%i tokens (room %s): labels every k-th token, none colliding, both axes', (n, fitWidth) => {
    const figure = longMatrix(n, fitWidth);
    const cell = matrixCell(n, fitWidth);
    expect(figure.cell).toBe(cell);
    const step = figure.tickStep;
    expect(figure.rowLabels.length).toBe(Math.ceil(n / step));
    expect(figure.rowLabels.map((l) => l.index)).toEqual(
      Array.from({ length: Math.ceil(n / step) }, (_, i) => i * step),
    );
    // Each label names its own token and sits on its row / column.
    for (const [axis, labels] of [
      ['row', figure.rowLabels],
      ['col', figure.colLabels],
    ] as const) {
      labels.forEach((label, k) => {
        expect(label.text).toBe(`w${label.index}`);
        const next = labels[k + 1];
        if (!next) return;
        const gap = axis === 'row' ? next.y - label.y : next.x - label.x;
        // Horizontal rows need a line's height; -60° columns need their height across (gap × sin 60°).
        expect(gap, `${axis} ${label.index}`).toBeGreaterThanOrEqual(
          axis === 'row' ? label.size + 2 : label.size / Math.sin(Math.PI / 3),
        );
        expect(gap).toBeGreaterThanOrEqual(TICK_PITCH - 1e-9);
      });
      const middle = (i: number) => i * cell + cell / 2;
      for (const label of figure.rowLabels)
        expect(Math.abs(label.y - label.size * 0.35 - (figure.grid.y + middle(label.index)))).toBeLessThan(1e-9);
      for (const label of figure.colLabels)
        expect(Math.abs(label.x - label.size * 0.3 - (figure.grid.x + middle(label.index)))).toBeLessThan(1e-9);
    }
    // The labels fit in the room left for them.
    const longest = Math.max(...figure.rowLabels.map((l) => l.text.length * l.size * 0.6));
    expect(figure.grid.x).toBeGreaterThanOrEqual(Math.min(140, longest));
  });

  it('short inputs still label every token', () => {
    const figure = longMatrix(20, 1000);
    expect(figure.tickStep).toBe(1);
    expect(figure.rowLabels).toHaveLength(20);
  });
});
