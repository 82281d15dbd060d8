import { describe, expect, it } from 'vitest';
import { syntheticTokens } from './testing/syntheticRun';
import { alignWords } from './wordAlignment';

const run = (a: string[], b?: string[], truncatedTokens = 0) => ({ tokens: syntheticTokens(a, b), truncatedTokens });

describe('alignWords', () => {
  it.each([
    ['one word per model word', ['The', 'cat'], ['the', 'cat'], [[1], [2]]],
    ['word pieces of one word', ['unbelievable'], ['un ##believ ##able'], [[1, 2, 3]]],
    [
      "a treebank word BERT splits at punctuation (n't → n ' t)",
      ['did', "n't"],
      ['did', 'n', "'", 't'],
      [[1], [2, 3, 4]],
    ],
    ['accents, as an uncased model strips them', ['Zoë'], ['zoe'], [[1]]],
  ])('lines up %s', (_, words, modelWords, pieces) => {
    const result = alignWords(words, run(modelWords));
    expect('units' in result && result.units.map((u) => u.pieces)).toEqual(pieces);
  });

  it('uses sentence A only', () => {
    const result = alignWords(['a', 'b'], run(['a', 'b'], ['c']));
    expect('units' in result && result.units.length).toBe(2);
  });

  it.each([
    ['a word that differs', ['a', 'dog'], ['a', 'cat'], 'word 2 "dog" does not line up with the model\'s word "cat"'],
    [
      'a word the model does not have',
      ['a', 'dog'],
      ['a'],
      'word 2 "dog" does not line up with the model\'s word "nothing more"',
    ],
    ['extra model words', ['a'], ['a', 'b', 'c'], 'the model read 2 more words than the sentence has'],
    ['a word only partly matched', ['cats'], ['cat', 'x'], 'word 1 "cats" does not line up with the model\'s word "x"'],
  ])('explains %s', (_, words, modelWords, reason) => {
    expect(alignWords(words, run(modelWords))).toEqual({ reason });
  });

  it('blames truncation when the text was cut to fit', () => {
    expect(alignWords(['a', 'b', 'c'], run(['a'], undefined, 7))).toEqual({
      reason: 'the model cut 7 tokens to fit its length limit, losing word 2',
    });
  });

  it('mentions [UNK] when the model could not read a word', () => {
    const tokens = syntheticTokens(['a', 'b']);
    tokens[2] = { ...tokens[2]!, text: '[UNK]', special: true, word: -1 };
    const result = alignWords(['a', 'ü'], { tokens, truncatedTokens: 0 });
    expect('reason' in result && result.reason).toMatch(/word 2 "ü".*\(some text became \[UNK\]\)/);
  });
});
