import { describe, expect, it } from 'vitest';
import { BERT_UNCASED_FAMILY } from '../core/family';
import type { FamilyName } from '../core/testing/familyFiles';
import { familyOf, familyTokens } from '../../../workers/engine/testing/familyTokenizer';
import { syntheticTokens } from './testing/syntheticRun';
import { alignWords } from './wordAlignment';

const run = (a: string[], b?: string[], truncatedTokens = 0) => ({ tokens: syntheticTokens(a, b), truncatedTokens });
const bert = BERT_UNCASED_FAMILY;

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
    [
      'a piece that runs over a word boundary, to the word it starts in',
      ['did', "n't"],
      ['didn', "'", 't'],
      [[1], [2, 3]],
    ],
    ['accents, as an uncased model strips them', ['Zoë'], ['zoe'], [[1]]],
  ])('lines up %s', (_, words, modelWords, pieces) => {
    const result = alignWords(words, run(modelWords), bert);
    expect('units' in result && result.units.map((u) => u.pieces)).toEqual(pieces);
  });

  it('uses sentence A only', () => {
    const result = alignWords(['a', 'b'], run(['a', 'b'], ['c']), bert);
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
    ['extra model words', ['a'], ['a', 'b', 'c'], 'the model read more text than the sentence has ("b c")'],
    ['a word only partly matched', ['cats'], ['cat', 'x'], 'word 1 "cats" does not line up with the model\'s word "x"'],
    [
      'a word inside another word’s piece',
      ['do', 'g'],
      ['dog'],
      'word 2 "g" has no piece of its own: the model reads it inside another word\'s piece',
    ],
  ])('explains %s', (_, words, modelWords, reason) => {
    expect(alignWords(words, run(modelWords), bert)).toEqual({ reason });
  });

  it('blames truncation when the text was cut to fit', () => {
    expect(alignWords(['a', 'b', 'c'], run(['a'], undefined, 7), bert)).toEqual({
      reason: 'the model cut 7 tokens to fit its length limit, losing word 2',
    });
  });

  it('mentions the unknown token (by id) when the model could not read a word', () => {
    const tokens = syntheticTokens(['a', 'b']);
    tokens[2] = { ...tokens[2]!, text: '[UNK]', id: bert.tokens.unk!.id };
    const result = alignWords(['a', 'ü'], { tokens, truncatedTokens: 0 }, bert);
    expect('reason' in result && result.reason).toMatch(/word 2 "ü".*\(some text became \[UNK\]\)/);
  });

  // Treebank words (UD splits "didn't" into "did" + "n't", "café's" into "café" + "'s") against each
  // family's real pieces. "n't" is "##n ' t" / "n ' t" in every family here; "café" is c ##a ##f ##e in
  // WordPiece, Ġca f Ã © in byte-level BPE (é is two bytes), ▁ c a f e/é in SentencePiece.
  const words = ['The', 'lawyer', 'did', "n't", 'answer', 'the', 'café', "'s", 'question', ',', 'bertology', '.'];
  it.each<[FamilyName, number]>([
    ['bert-uncased', 4],
    ['mbert-cased', 4],
    ['roberta', 4],
    ['albert', 5],
    ['xlm-r', 5],
  ])('lines up treebank words with %s pieces', (name, cafe) => {
    const tokens = familyTokens(name, "The lawyer didn't answer the café's question, bertology.");
    const result = alignWords(words, { tokens, truncatedTokens: 0 }, familyOf(name));
    if ('reason' in result) throw new Error(result.reason);
    expect(result.units.map((u) => u.pieces.length)).toEqual([1, 1, 1, 3, 1, 1, cafe, 2, 1, 1, 2, 1]);
    // Every non-special piece of sentence A is used exactly once, in order.
    const all = tokens.flatMap((t, i) => (t.special ? [] : [i]));
    expect(result.units.flatMap((u) => u.pieces)).toEqual(all);
  });
});
