import { describe, expect, it } from 'vitest';
import { hideSpecialTokens, visibleIndices } from './specialTokens';

function expectClose(actual: ArrayLike<number>, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
}

describe('visibleIndices', () => {
  // [CLS] the [MASK] [SEP] cat [SEP]: [MASK] is not special, so it stays visible.
  const units = [true, false, false, true, false, true].map((special) => ({ special }));
  it.each([
    [true, [1, 2, 4]],
    [false, [0, 1, 2, 3, 4, 5]],
  ])('hideSpecial=%s gives %j', (hide, expected) => {
    expect(visibleIndices(units, hide)).toEqual(expected);
  });
});

describe('hideSpecialTokens', () => {
  // [CLS] a b [SEP]
  // prettier-ignore
  const matrix = new Float32Array([
    0.4, 0.3, 0.1, 0.2,
    0.5, 0.2, 0.2, 0.1,
    0.1, 0.2, 0.6, 0.1,
    0.25, 0.25, 0.25, 0.25,
  ]);

  it.each<[string, Float32Array, number[], number[], number[], number, number[]]>([
    // a: kept .2 + .2 = .4 of 1 → [.5, .5], 60% removed; b: kept .2 + .6 = .8 → [.25, .75], 20% removed.
    ['drops [CLS]/[SEP] and renormalises', matrix, [1, 2], [0.5, 0.5, 0.25, 0.75], [0.6, 0.2], 0.4, []],
    ['follows the order of keep', matrix, [2, 1], [0.75, 0.25, 0.5, 0.5], [0.2, 0.6], 0.4, []],
    // [CLS] row: kept .4 + .2 = .6 → [2/3, 1/3]; [SEP] row: kept .5 → [.5, .5].
    ['can keep only specials', matrix, [0, 3], [2 / 3, 1 / 3, 0.5, 0.5], [0.4, 0.5], 0.45, []],
    ['changes nothing when everything is kept', matrix, [0, 1, 2, 3], Array.from(matrix), [0, 0, 0, 0], 0, []],
    ['handles keeping nothing', matrix, [], [], [], 0, []],
    // Row 1 has everything on token 0: nothing left, so zeros, 100% removed, reported.
    // Row 2 keeps .25 + .25 = .5 → [.5, .5].
    [
      'zeroes and reports a row with no attention left',
      new Float32Array([0, 0.5, 0.5, 1, 0, 0, 0.5, 0.25, 0.25]),
      [1, 2],
      [0, 0, 0.5, 0.5],
      [1, 0.5],
      0.75,
      [0],
    ],
    // a row that was already all zeros loses nothing but still cannot be renormalised.
    ['reports an all-zero row', new Float32Array([0, 0, 0, 0]), [0, 1], [0, 0, 0, 0], [0, 0], 0, [0, 1]],
  ])('%s', (_, input, keep, expected, removed, meanRemoved, emptyRows) => {
    const seq = Math.round(Math.sqrt(input.length));
    const result = hideSpecialTokens(input, seq, keep);
    expect(result.size).toBe(keep.length);
    expectClose(result.matrix, expected);
    expectClose(result.removed, removed);
    expect(result.meanRemoved).toBeCloseTo(meanRemoved, 6);
    expect(result.emptyRows).toEqual(emptyRows);
  });

  it.each([
    ['a matrix of the wrong size', 3, [0], /3×3/],
    ['an index outside the sequence', 4, [4], /token 4/],
    ['a negative index', 4, [-1], /token -1/],
    ['a repeated index', 4, [1, 1], /twice/],
  ])('rejects %s', (_, seq, keep, message) => {
    expect(() => hideSpecialTokens(matrix, seq, keep)).toThrow(message);
  });
});
