import { describe, expect, it } from 'vitest';
import { BERT_UNCASED_FAMILY, type ModelFamily } from '../core/family';
import type { TokenInfo } from '../core/types';
import { familyOf } from '../../../workers/engine/testing/familyTokenizer';
import {
  CorpusHeadStats,
  HEAD_STAT_NAMES,
  headStats,
  isClsToken,
  isPunctuationToken,
  isSepToken,
  rankHeads,
  type HeadStatName,
  type HeadStats,
} from './headStats';

function token(text: string, special = false, id = 1000): TokenInfo {
  return { text, id, word: special ? -1 : 0, segment: 0, special };
}

function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

function uniform(layers: number, heads: number, seq: number): Float32Array {
  return new Float32Array(layers * heads * seq * seq).fill(1 / seq);
}

// [CLS] a . [SEP] and four heads with known patterns, dims [2, 2, 4, 4].
const sentence = [token('[CLS]', true, 101), token('a'), token('.'), token('[SEP]', true, 102)];
// prettier-ignore
const attention = new Float32Array([
  // head 1-1: 0.9 on [SEP], 0.1 on [CLS]
  0.1, 0, 0, 0.9,  0.1, 0, 0, 0.9,  0.1, 0, 0, 0.9,  0.1, 0, 0, 0.9,
  // head 1-2: previous token ([CLS] attends to itself)
  1, 0, 0, 0,  1, 0, 0, 0,  0, 1, 0, 0,  0, 0, 1, 0,
  // head 2-1: uniform
  0.25, 0.25, 0.25, 0.25,  0.25, 0.25, 0.25, 0.25,  0.25, 0.25, 0.25, 0.25,  0.25, 0.25, 0.25, 0.25,
  // head 2-2: next token ([SEP] splits between '.' and itself)
  0, 1, 0, 0,  0, 0, 1, 0,  0, 0, 0, 1,  0, 0, 0.5, 0.5,
]);

describe('token classes', () => {
  const roberta = familyOf('roberta');
  it.each<[string, TokenInfo, ModelFamily, boolean, boolean]>([
    ['[SEP]', token('[SEP]', true, 102), BERT_UNCASED_FAMILY, true, false],
    ['</s>', token('</s>', true, 2), roberta, true, false],
    ['[CLS]', token('[CLS]', true, 101), BERT_UNCASED_FAMILY, false, true],
    ['<s>', token('<s>', true, 0), roberta, false, true],
    ['a typed "[SEP]" that is not special', token('[SEP]', false, 102), BERT_UNCASED_FAMILY, false, false],
    ['[PAD]', token('[PAD]', true, 0), BERT_UNCASED_FAMILY, false, false],
    ['<pad>', token('<pad>', true, 1), roberta, false, false],
  ])('%s', (_, t, family, sep, cls) => {
    expect([isSepToken(t, family), isClsToken(t, family)]).toEqual([sep, cls]);
  });

  it('recognises [SEP] and </s> by id, not by text', () => {
    // RoBERTa's </s> written as BERT's separator: the id decides.
    expect(isSepToken(token('[SEP]', true, 2), roberta)).toBe(true);
    expect(isSepToken(token('</s>', true, 102), roberta)).toBe(false);
  });

  it.each<[string, boolean, ModelFamily, boolean?]>([
    ['.', true, BERT_UNCASED_FAMILY],
    [',', true, BERT_UNCASED_FAMILY],
    ['...', true, BERT_UNCASED_FAMILY],
    ['"', true, BERT_UNCASED_FAMILY],
    ['—', true, BERT_UNCASED_FAMILY],
    ['¿', true, BERT_UNCASED_FAMILY],
    ['「', true, BERT_UNCASED_FAMILY],
    ['#', true, BERT_UNCASED_FAMILY],
    ['##.', true, BERT_UNCASED_FAMILY],
    ['Ġ,', true, roberta],
    ['Ġâ', false, roberta],
    ['▁.', true, familyOf('xlm-r')],
    ['$', false, BERT_UNCASED_FAMILY],
    ['+', false, BERT_UNCASED_FAMILY],
    ['a.', false, BERT_UNCASED_FAMILY],
    ['Ġ', false, roberta],
    ['', false, BERT_UNCASED_FAMILY],
    ['[MASK]', false, BERT_UNCASED_FAMILY],
    ['[SEP]', false, BERT_UNCASED_FAMILY, true],
    ['.', false, BERT_UNCASED_FAMILY, true],
  ])('isPunctuationToken(%j) is %s', (text, expected, family, special = false) => {
    expect(isPunctuationToken(token(text, special), family)).toBe(expected);
  });
});

describe('headStats', () => {
  const stats = headStats(attention, [2, 2, 4, 4], sentence, BERT_UNCASED_FAMILY);

  // Worked by hand, one value per head in order 1-1, 1-2, 2-1, 2-2:
  // entropy 1-1 = -(0.1 ln 0.1 + 0.9 ln 0.9) = 0.3250830; 2-1 = ln 4 = 1.3862944; 2-2 = (ln 2)/4 = 0.1732868
  it.each<[HeadStatName, number[]]>([
    ['sep', [0.9, 0, 0.25, 0.375]],
    ['cls', [0.1, 0.5, 0.25, 0]],
    ['punct', [0, 0.25, 0.25, 0.375]],
    ['self', [0.25, 0.25, 0.25, 0.125]],
    ['prev', [0.0333333, 1, 0.25, 0.1666667]],
    ['next', [0.3, 0, 0.25, 1]],
    ['entropy', [0.325083, 0, 1.3862944, 0.1732868]],
  ])('%s', (name, expected) => {
    expectClose(stats[name], expected);
  });

  it('returns every statistic', () => {
    expect(Object.keys(stats).sort()).toEqual([...HEAD_STAT_NAMES].sort());
  });

  it.each<[string, TokenInfo[], Partial<Record<HeadStatName, number>>, ModelFamily?]>([
    // uniform over 5: [SEP] twice → 2/5
    [
      'sums over both [SEP]s of a pair',
      [token('[CLS]', true, 101), token('a'), token('[SEP]', true, 102), token('b'), token('[SEP]', true, 102)],
      { sep: 0.4, cls: 0.2, punct: 0, entropy: 1.6094379 },
    ],
    [
      'recognises RoBERTa tokens through its family',
      [token('<s>', true, 0), token('Ġhi'), token('Ġ,'), token('</s>', true, 2)],
      { sep: 0.25, cls: 0.25, punct: 0.25 },
      familyOf('roberta'),
    ],
    ['gives a uniform head over 3 tokens entropy ln 3', [token('a'), token('b'), token('c')], { entropy: 1.0986123 }],
    ['is defined for one token', [token('[CLS]', true, 101)], { cls: 1, self: 1, prev: 0, next: 0, entropy: 0 }],
  ])('%s', (_, tokens, expected, family = BERT_UNCASED_FAMILY) => {
    const seq = tokens.length;
    const result = headStats(uniform(1, 1, seq), [1, 1, seq, seq], tokens, family);
    for (const [name, value] of Object.entries(expected)) expect(result[name as HeadStatName][0]).toBeCloseTo(value, 6);
  });

  it.each([
    [
      'a token count that does not match',
      () => headStats(attention, [2, 2, 4, 4], sentence.slice(1), BERT_UNCASED_FAMILY),
      /3 tokens/,
    ],
    [
      'a tensor that does not match its dims',
      () => headStats(attention, [2, 2, 5, 5], [...sentence, token('x')], BERT_UNCASED_FAMILY),
      /100/,
    ],
  ])('rejects %s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('rankHeads', () => {
  it('puts the head with 0.9 on [SEP] first for "sep"', () => {
    const stats = headStats(attention, [2, 2, 4, 4], sentence, BERT_UNCASED_FAMILY);
    expect(rankHeads(stats.sep, 2, 1)).toEqual([{ layer: 0, head: 0, value: expect.closeTo(0.9, 6) }]);
    expect(rankHeads(stats.prev, 2, 1).map(({ layer, head }) => [layer, head])).toEqual([[0, 1]]);
    expect(rankHeads(stats.entropy, 2, 1, 'ascending').map(({ layer, head }) => [layer, head])).toEqual([[0, 1]]);
  });

  // layer 0: [.5 .7 .7], layer 1: [.5 .7 .1]
  const values = new Float32Array([0.5, 0.7, 0.7, 0.5, 0.7, 0.1]);
  it.each<[string, Float32Array, number, 'descending' | 'ascending', [number, number][]]>([
    [
      'breaks ties by lower layer, then lower head',
      values,
      4,
      'descending',
      [
        [0, 1],
        [0, 2],
        [1, 1],
        [0, 0],
      ],
    ],
    [
      'ranks ascending on request, with the same tie-break',
      values,
      3,
      'ascending',
      [
        [1, 2],
        [0, 0],
        [1, 0],
      ],
    ],
    [
      'returns all heads when k is larger',
      new Float32Array([0.2, 0.4]),
      10,
      'descending',
      [
        [0, 1],
        [0, 0],
      ],
    ],
    ['returns nothing for k = 0', values, 0, 'descending', []],
    [
      'leaves out NaN',
      new Float32Array([NaN, 0.3, 0.6, NaN]),
      4,
      'descending',
      [
        [1, 0],
        [0, 1],
      ],
    ],
  ])('%s', (_, input, k, order, expected) => {
    expect(rankHeads(input, input === values ? 3 : 2, k, order).map(({ layer, head }) => [layer, head])).toEqual(
      expected,
    );
  });

  it('reports values', () => {
    expect(rankHeads(new Float32Array([0.25, 0.5]), 1, 1)).toEqual([{ layer: 1, head: 0, value: 0.5 }]);
  });

  it('rejects values that do not split into layers', () => {
    expect(() => rankHeads(values, 4, 1)).toThrow(/6 values cannot be split into layers of 4 heads/);
  });
});

describe('CorpusHeadStats', () => {
  function filled(values: number[]): HeadStats {
    const entries = HEAD_STAT_NAMES.map((name) => [name, new Float32Array(values)] as const);
    return Object.fromEntries(entries) as HeadStats;
  }

  it('weights each input by its token count (S, or S-1 for prev/next)', () => {
    const corpus = new CorpusHeadStats();
    corpus.add(filled([1, 0]), 4);
    corpus.add(filled([0, 1]), 2);
    expect(corpus.inputs).toBe(2);
    const mean = corpus.mean();
    // weights 4 and 2 → [4/6, 2/6]; for prev/next 3 and 1 → [3/4, 1/4]
    for (const name of ['sep', 'cls', 'punct', 'self', 'entropy'] as const) expectClose(mean[name], [2 / 3, 1 / 3]);
    for (const name of ['prev', 'next'] as const) expectClose(mean[name], [0.75, 0.25]);
  });

  it('averages real statistics of two inputs', () => {
    const corpus = new CorpusHeadStats();
    corpus.add(headStats(attention, [2, 2, 4, 4], sentence, BERT_UNCASED_FAMILY), 4);
    // [CLS] [SEP], every head uniform: sep .5, prev .5, next .5, entropy ln 2
    corpus.add(
      headStats(
        uniform(2, 2, 2),
        [2, 2, 2, 2],
        [token('[CLS]', true, 101), token('[SEP]', true, 102)],
        BERT_UNCASED_FAMILY,
      ),
      2,
    );
    const mean = corpus.mean();
    // head 1-1: sep (4·.9 + 2·.5)/6; prev (3·(1/30) + .5)/4; next (3·.3 + .5)/4; entropy (4·.325083 + 2·ln 2)/6
    expect(mean.sep[0]).toBeCloseTo(0.7666667, 6);
    expect(mean.prev[0]).toBeCloseTo(0.15, 6);
    expect(mean.next[0]).toBeCloseTo(0.35, 6);
    expect(mean.entropy[0]).toBeCloseTo(0.447771, 5);
    // head 1-2: sep (0 + 2·.5)/6; prev (3·1 + .5)/4
    expect(mean.sep[1]).toBeCloseTo(0.1666667, 6);
    expect(mean.prev[1]).toBeCloseTo(0.875, 6);
  });

  it('gives prev/next 0 when no input had a previous or next token', () => {
    const corpus = new CorpusHeadStats();
    corpus.add(filled([0.5]), 1);
    expectClose(corpus.mean().prev, [0]);
    expectClose(corpus.mean().self, [0.5]);
  });

  it.each([
    ['mean() before any input', (c: CorpusHeadStats) => c.mean(), /No inputs/],
    [
      'a different number of heads',
      (c: CorpusHeadStats) => (c.add(filled([1]), 2), c.add(filled([1, 1]), 2)),
      /2 heads/,
    ],
    ['an input without tokens', (c: CorpusHeadStats) => c.add(filled([1]), 0), /at least one token/],
  ])('rejects %s', (_, call, message) => {
    expect(() => call(new CorpusHeadStats())).toThrow(message);
  });
});
