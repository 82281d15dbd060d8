import { describe, expect, it } from 'vitest';
import { headLines, lineStep, tokenLines } from './headLines';

describe('lineStep', () => {
  it.each([
    [0.01, 1],
    [0.05, 1],
    [0.051, 2],
    [Math.fround(0.1), 2],
    [0.5, 10],
    [1, 20],
    [1.2, 20],
  ])('%d → step %d', (w, step) => expect(lineStep(w)).toBe(step));
});

describe('headLines', () => {
  const a = Float32Array.of(0.9, 0.1, 0.005, 0.995);
  const b = Float32Array.of(0.5, 0.5, 0.02, 0.98);

  it('keeps weights from the threshold up, grouped by series then step', () => {
    const lines = headLines([a, b], 2, 0.01);
    expect(lines.groups.map((g) => [g.key, g.end - g.start])).toEqual([
      ['0-2', 1],
      ['0-18', 1],
      ['0-20', 1],
      ['1-1', 1],
      ['1-10', 2],
      ['1-20', 1],
    ]);
    const g = lines.groups.find((x) => x.key === '1-10')!;
    expect(Array.from(lines.from.subarray(g.start, g.end))).toEqual([0, 0]);
    expect(Array.from(lines.to.subarray(g.start, g.end))).toEqual([0, 1]);
    expect(g.opacity).toBe(0.5);
    expect(g.width).toBe(2);
    expect(lines.from.length).toBe(7); // 0.005 is under the threshold
    expect(lines.omitted).toBe(0);
    expect(lines.drawnAbove).toBe(0.01);
  });

  it('over budget, keeps the strongest steps whole and says how many lines it left out', () => {
    const lines = headLines([a, b], 2, 0.01, 4);
    // Steps 20, 20, 18 (3 lines) fit; adding step 10 (2 lines) would not.
    expect(lines.from.length).toBe(3);
    expect(lines.omitted).toBe(4);
    expect(lines.drawnAbove).toBe(0.5); // steps 11 and up: weights over 0.5
    expect(headLines([a], 2, 0.01, 0).from.length).toBe(1); // the strongest step stays
  });

  it('draws nothing for an empty selection', () => {
    expect(headLines([], 3).groups).toEqual([]);
  });
});

describe('tokenLines', () => {
  const m = Float32Array.of(0.7, 0.3, 0.2, 0.8);
  it('takes one row for a token on the left, one column for a token on the right', () => {
    const from = tokenLines([m], 2, 'from', 1);
    expect([Array.from(from.from), Array.from(from.to)]).toEqual([
      [1, 1],
      [0, 1],
    ]);
    const to = tokenLines([m], 2, 'to', 0);
    expect([Array.from(to.from), Array.from(to.to)]).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });
});
