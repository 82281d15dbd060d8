import { describe, expect, it } from 'vitest';
import {
  baselineAccuracy,
  CorefDataError,
  firstCandidate,
  locateWord,
  nearestCandidate,
  normalizeWord,
  parseCorefItems,
  resolveCorefItem,
  splitWords,
} from './coref';

describe('splitWords', () => {
  it('splits on whitespace and makes each punctuation character a word, like BERT BasicTokenizer', () => {
    expect(splitWords('"I didn\'t," said Zoë -- twice.')).toEqual([
      '"',
      'I',
      'didn',
      "'",
      't',
      ',',
      '"',
      'said',
      'Zoë',
      '-',
      '-',
      'twice',
      '.',
    ]);
  });

  it('treats ASCII symbols as punctuation, drops control characters and isolates CJK ideographs', () => {
    expect(splitWords('a$b+c\u0000d\u00a0e 中文')).toEqual(['a', '$', 'b', '+', 'cd', 'e', '中', '文']);
    expect(splitWords('  \n\t ')).toEqual([]);
  });

  it('splits numbers at their punctuation', () => {
    expect(splitWords('It costs 12.50 today')).toEqual(['It', 'costs', '12', '.', '50', 'today']);
  });
});

describe('locateWord', () => {
  const text = 'The dog saw the other Dog, and it barked.';
  it('finds the n-th occurrence, ignoring case', () => {
    expect(locateWord(text, 'the', 1)).toBe(0);
    expect(locateWord(text, 'The', 2)).toBe(3);
    expect(locateWord(text, 'dog', 2)).toBe(5);
    expect(locateWord(text, 'it', 1)).toBe(8);
  });
  it('returns -1 when there are not enough occurrences', () => {
    expect(locateWord(text, 'dog', 3)).toBe(-1);
    expect(locateWord(text, 'cat', 1)).toBe(-1);
  });
  it('ignores accents, as uncased BERT does', () => {
    expect(normalizeWord('Zoë')).toBe('zoe');
    expect(locateWord('I met Zoë.', 'zoe', 1)).toBe(2);
  });
});

const ITEM = {
  id: 'x1',
  text: 'The cup fell off the table because it was slippery.',
  pronoun: { word: 'it', occurrence: 1 },
  antecedent: { word: 'cup', occurrence: 1 },
  candidates: [
    { word: 'cup', occurrence: 1 },
    { word: 'table', occurrence: 1 },
  ],
  kind: 'simple',
};

function errorOf(json: unknown): CorefDataError {
  try {
    parseCorefItems(json);
  } catch (e) {
    if (e instanceof CorefDataError) return e;
    throw e;
  }
  throw new Error('expected a CorefDataError');
}

const withItem = (patch: Record<string, unknown>): unknown[] => [{ ...ITEM, ...patch }];

describe('parseCorefItems', () => {
  it('accepts a valid item and resolves its words', () => {
    const [item] = parseCorefItems([ITEM]);
    const resolved = resolveCorefItem(item!);
    expect(resolved).toMatchObject({ pronoun: 7, antecedent: 1, candidates: [1, 5] });
    expect(nearestCandidate(resolved)).toBe(5);
    expect(firstCandidate(resolved)).toBe(1);
    expect(baselineAccuracy([resolved], nearestCandidate)).toBe(0);
    expect(baselineAccuracy([resolved], firstCandidate)).toBe(1);
    expect(baselineAccuracy([])).toBe(0);
  });

  it('rejects a non-array', () => {
    const error = errorOf({ items: [] });
    expect(error.message).toBe('The coreference data must be a JSON array of items.');
    expect(error.itemId).toBeNull();
  });

  it('names items without an id by their position', () => {
    expect(errorOf([ITEM, { ...ITEM, id: '' }]).message).toBe('Item "#2": "id" must be a non-empty string.');
    expect(errorOf([ITEM, 'text']).message).toBe('Item "#2": an item must be a JSON object.');
  });

  it('rejects duplicate ids', () => {
    const error = errorOf([ITEM, ITEM]);
    expect(error.message).toBe('Item "x1": this id is used by more than one item.');
    expect(error.itemId).toBe('x1');
  });

  it('rejects a word missing from the text, or an occurrence that is too high', () => {
    expect(errorOf(withItem({ pronoun: { word: 'she', occurrence: 1 } })).message).toBe(
      'Item "x1": the pronoun "she" does not occur in the text.',
    );
    expect(errorOf(withItem({ antecedent: { word: 'the', occurrence: 3 } })).message).toBe(
      'Item "x1": the antecedent "the" occurs 2 times in the text, not 3.',
    );
  });

  it('rejects a candidate that does not precede the pronoun', () => {
    const text = 'The cup fell because it hit the table.';
    expect(errorOf(withItem({ text })).message).toBe(
      'Item "x1": the candidate "table" does not come before the pronoun "it".',
    );
  });

  it('rejects an antecedent that is not a candidate', () => {
    const candidates = [
      { word: 'table', occurrence: 1 },
      { word: 'The', occurrence: 2 },
    ];
    expect(errorOf(withItem({ candidates })).message).toBe(
      'Item "x1": the antecedent "cup" is not among the candidates.',
    );
  });

  it('rejects fewer than two candidates and repeated candidates', () => {
    expect(errorOf(withItem({ candidates: [{ word: 'cup', occurrence: 1 }] })).message).toBe(
      'Item "x1": "candidates" must be an array of at least 2 words (the antecedent included).',
    );
    const candidates = [
      { word: 'cup', occurrence: 1 },
      { word: 'CUP', occurrence: 1 },
    ];
    expect(errorOf(withItem({ candidates })).message).toBe('Item "x1": the candidate "CUP" is listed twice.');
  });

  it('rejects words that BERT would split, and bad occurrences', () => {
    expect(errorOf(withItem({ antecedent: { word: 'the cup', occurrence: 1 } })).message).toBe(
      'Item "x1": "antecedent.word" must be a single word (no spaces or punctuation), got "the cup".',
    );
    expect(errorOf(withItem({ pronoun: { word: 'it', occurrence: 0 } })).message).toBe(
      'Item "x1": "pronoun.occurrence" must be a whole number from 1 up, got 0.',
    );
    expect(errorOf(withItem({ candidates: [{ word: 'cup', occurrence: 1 }, { word: 'table' }] })).message).toBe(
      'Item "x1": "candidates[1].occurrence" must be a whole number from 1 up, got undefined.',
    );
  });

  it('rejects an unknown kind and a lone pairId', () => {
    expect(errorOf(withItem({ kind: 'bridging' })).message).toBe(
      'Item "x1": "kind" must be one of "winograd", "simple", "gender", "plural".',
    );
    expect(errorOf(withItem({ pairId: 'p' })).message).toBe(
      'Item "x1": pairId "p" is shared by 1 item; a pair needs exactly 2.',
    );
    expect(
      parseCorefItems([
        { ...ITEM, pairId: 'p' },
        { ...ITEM, id: 'x2', pairId: 'p' },
      ]),
    ).toHaveLength(2);
  });
});
