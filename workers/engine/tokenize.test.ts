import { describe, expect, it } from 'vitest';
import { assignWords, truncateLongestFirst } from './tokenize';

describe('truncateLongestFirst', () => {
  // [CLS] a a a [SEP] b b [SEP]
  const special = [true, false, false, false, true, false, false, true];
  const segments = [0, 0, 0, 0, 0, 1, 1, 1];
  it.each([
    [8, [1, 1, 1, 1, 1, 1, 1, 1]],
    [7, [1, 1, 1, 0, 1, 1, 1, 1]],
    [6, [1, 1, 1, 0, 1, 1, 0, 1]],
    [5, [1, 1, 0, 0, 1, 1, 0, 1]],
    [3, [1, 0, 0, 0, 1, 0, 0, 1]],
  ])('fits %i tokens by cutting the longer segment from its end', (max, expected) => {
    expect(truncateLongestFirst(special, segments, max).map(Number)).toEqual(expected);
  });
});

describe('assignWords', () => {
  it('joins ## pieces to the word before them and gives specials -1', () => {
    const pieces = ['[CLS]', 'the', 'bert', '##ology', 'lens', '[SEP]', '##x'];
    const special = [true, false, false, false, false, true, false];
    expect(assignWords(pieces, special, { kind: 'continuation', prefix: '##' })).toEqual([-1, 0, 1, 1, 2, -1, 3]);
  });
  it('starts words at BPE word markers', () => {
    const pieces = ['<s>', 'The', 'Ġcat', 'Ġsat', 'ting', '</s>'];
    const special = [true, false, false, false, false, true];
    expect(assignWords(pieces, special, { kind: 'word-start', markers: ['Ġ'] })).toEqual([-1, 0, 1, 2, 2, -1]);
  });
});
