import { describe, expect, it } from 'vitest';
import { truncateLongestFirst } from './tokenize';

describe('truncateLongestFirst', () => {
  it.each([
    [3, 2, 5, [3, 2]],
    [3, 2, 4, [2, 2]],
    [3, 2, 3, [2, 1]],
    [3, 2, 2, [1, 1]],
    [3, 2, 0, [0, 0]],
    [7, 0, 4, [4, 0]],
  ])('A=%i, B=%i in %i pieces keeps %j, cutting the longer from its end', (a, b, budget, expected) => {
    expect(truncateLongestFirst(a, b, budget)).toEqual(expected);
  });
});
