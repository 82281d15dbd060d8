import { describe, expect, it } from 'vitest';
import { BERT_UNCASED_FAMILY } from '../core/family';
import type { FamilyName } from '../core/testing/familyFiles';
import type { TokenInfo } from '../core/types';
import { familyOf, familyTokens } from '../../../workers/engine/testing/familyTokenizer';
import { mergeAllToWords, mergeToWords, wordUnits, type WordUnit } from './wordLevel';

/** Tokens from [text, word, segment]; word -1 marks a special token. */
function tokens(spec: [string, number, number?][]): TokenInfo[] {
  return spec.map(([text, word, segment = 0], id) => ({ text, id, word, segment, special: word < 0 }));
}

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
}

describe('wordUnits', () => {
  it.each<[string, TokenInfo[], Omit<WordUnit, 'segment'>[]]>([
    [
      'joins a split word and strips ## from its continuation',
      tokens([
        ['[CLS]', -1],
        ['the', 0],
        ['bert', 1],
        ['##ology', 1],
        ['[SEP]', -1],
      ]),
      [
        { text: '[CLS]', pieces: [0], special: true },
        { text: 'the', pieces: [1], special: false },
        { text: 'bertology', pieces: [2, 3], special: false },
        { text: '[SEP]', pieces: [4], special: true },
      ],
    ],
    [
      'joins three pieces',
      tokens([
        ['un', 0],
        ['##believ', 0],
        ['##able', 0],
      ]),
      [{ text: 'unbelievable', pieces: [0, 1, 2], special: false }],
    ],
    [
      'keeps the ## of a word that starts with a continuation piece (after [SEP])',
      tokens([
        ['[SEP]', -1],
        ['##s', 0],
        ['[SEP]', -1],
      ]),
      [
        { text: '[SEP]', pieces: [0], special: true },
        { text: '##s', pieces: [1], special: false },
        { text: '[SEP]', pieces: [2], special: true },
      ],
    ],
    [
      'keeps a continuation piece that is only "##"',
      tokens([
        ['c', 0],
        ['##', 0],
      ]),
      [{ text: 'c##', pieces: [0, 1], special: false }],
    ],
    [
      'makes each [PAD] its own unit',
      tokens([
        ['a', 0],
        ['[PAD]', -1],
        ['[PAD]', -1],
      ]),
      [
        { text: 'a', pieces: [0], special: false },
        { text: '[PAD]', pieces: [1], special: true },
        { text: '[PAD]', pieces: [2], special: true },
      ],
    ],
  ])('%s', (_, input, expected) => {
    expect(wordUnits(input, BERT_UNCASED_FAMILY).map(({ segment: _s, ...rest }) => rest)).toEqual(expected);
  });

  it.each<[FamilyName, string, string[]]>([
    // Byte-level BPE: words start at 'Ġ' and at its pre-tokenizer's cuts (before ","), shown clean, bytes decoded ("café", "Москва").
    ['roberta', 'The cabinet, bertology café Москва.', ['The', 'cabinet', ',', 'bertology', 'café', 'Москва', '.']],
    // SentencePiece: words start at '▁'.
    ['xlm-r', 'The cabinet, bertology café Москва.', ['The', 'cabinet,', 'bertology', 'café', 'Москва.']],
    ['albert', 'The keys are playing.', ['the', 'keys', 'are', 'playing.']],
    ['bert-uncased', 'The keys are playing.', ['the', 'keys', 'are', 'playing', '.']],
  ])('merges %s pieces into words by the family’s rule: %s', (name, text, expected) => {
    const units = wordUnits(familyTokens(name, text), familyOf(name)).filter((u) => !u.special);
    expect(units.map((u) => u.text)).toEqual(expected);
    // Every word of more than one piece really was split by the tokenizer.
    expect(units.some((u) => u.pieces.length > 1)).toBe(true);
  });

  it('makes the family’s mask token a word of its own (RoBERTa’s "<mask>" has no word marker)', () => {
    for (const name of ['roberta', 'xlm-r', 'bert-uncased'] as const) {
      const units = wordUnits(familyTokens(name, 'The cabinet [MASK] on the table.'), familyOf(name));
      const mask = familyOf(name).tokens.mask!;
      expect(units.map((u) => u.text)).toContain(mask.text);
      expect(units.find((u) => u.text === mask.text)!.pieces).toHaveLength(1);
    }
  });

  it('carries each unit’s segment', () => {
    const input = tokens([
      ['[CLS]', -1, 0],
      ['a', 0, 0],
      ['[SEP]', -1, 0],
      ['b', 1, 1],
      ['##c', 1, 1],
      ['[SEP]', -1, 1],
    ]);
    expect(wordUnits(input, BERT_UNCASED_FAMILY).map((u) => [u.text, u.segment])).toEqual([
      ['[CLS]', 0],
      ['a', 0],
      ['[SEP]', 0],
      ['bc', 1],
      ['[SEP]', 1],
    ]);
  });
});

describe('mergeToWords', () => {
  // [CLS] the bert ##ology [SEP]
  const units = wordUnits(
    tokens([
      ['[CLS]', -1],
      ['the', 0],
      ['bert', 1],
      ['##ology', 1],
      ['[SEP]', -1],
    ]),
    BERT_UNCASED_FAMILY,
  );
  // prettier-ignore
  const matrix = new Float32Array([
    0.1, 0.2, 0.3, 0.2, 0.2,
    0.5, 0.1, 0.1, 0.1, 0.2,
    0.0, 0.4, 0.2, 0.2, 0.2,
    0.2, 0.2, 0.0, 0.4, 0.2,
    0.25, 0.25, 0.25, 0.25, 0.0,
  ]);

  it('sums the columns of a split word and averages its rows', () => {
    // bertology row = mean([0, .4, .2+.2, .2], [.2, .2, 0+.4, .2]) = [.1, .3, .4, .2]
    // prettier-ignore
    expectClose(mergeToWords(matrix, 5, units), [
      0.1, 0.2, 0.5, 0.2,
      0.5, 0.1, 0.2, 0.2,
      0.1, 0.3, 0.4, 0.2,
      0.25, 0.25, 0.5, 0.0,
    ]);
  });

  it('keeps rows summing to 1', () => {
    const merged = mergeToWords(matrix, 5, units);
    for (let r = 0; r < 4; r++) expect(merged.subarray(r * 4, r * 4 + 4).reduce((a, b) => a + b)).toBeCloseTo(1, 6);
  });

  it.each([
    ['a matrix of the wrong size', () => mergeToWords(new Float32Array(9), 5, units), /5×5/],
    ['a piece outside the sequence', () => mergeToWords(new Float32Array(9), 3, units), /token 3/],
    [
      'a unit without pieces',
      () => mergeToWords(new Float32Array(1), 1, [{ text: 'x', pieces: [], special: false, segment: 0 }]),
      /no pieces/,
    ],
  ])('rejects %s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('mergeAllToWords', () => {
  it('merges every head of every layer, in [L, H, W, W] order', () => {
    // [CLS] a ##b, dims [2 layers, 1 head, 3, 3]
    const units = wordUnits(
      tokens([
        ['[CLS]', -1],
        ['a', 0],
        ['##b', 0],
      ]),
      BERT_UNCASED_FAMILY,
    );
    // prettier-ignore
    const attention = new Float32Array([
      0.2, 0.3, 0.5,  0.6, 0.2, 0.2,  0.0, 0.5, 0.5, // layer 1: ab row = mean([.6, .4], [0, 1])
      1.0, 0.0, 0.0,  0.0, 0.0, 1.0,  0.4, 0.4, 0.2, // layer 2: ab row = mean([0, 1], [.4, .6])
    ]);
    expectClose(mergeAllToWords(attention, [2, 1, 3, 3], units), [0.2, 0.8, 0.3, 0.7, 1.0, 0.0, 0.2, 0.8]);
  });

  it('rejects a tensor that does not match its dims', () => {
    expect(() => mergeAllToWords(new Float32Array(17), [2, 1, 3, 3], [])).toThrow(/need 18/);
  });
});
