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

  it('keeps within a pixel budget: long lines cost more than short ones', () => {
    // Each line 100 px, plus 900 px per row it crosses: steps 20 and 18 (three short lines) fit; step 10 has a long one.
    const length = (i: number, j: number) => 100 + 900 * Math.abs(i - j);
    const all = headLines([a, b], 2, 0.01, 1000);
    const within = headLines([a, b], 2, 0.01, 1000, { length, pixelBudget: 1200 });
    expect(within.from.length).toBeLessThan(all.from.length);
    let drawn = 0;
    for (let k = 0; k < within.from.length; k++) drawn += length(within.from[k]!, within.to[k]!);
    expect(drawn).toBeLessThanOrEqual(1200);
    expect(within.omitted).toBe(all.from.length - within.from.length);
    // Without lengths, the same lines fit.
    expect(headLines([a, b], 2, 0.01, 1000, { length, pixelBudget: Infinity }).from.length).toBe(all.from.length);
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
