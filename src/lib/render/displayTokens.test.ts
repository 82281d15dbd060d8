import { describe, expect, it } from 'vitest';
import { displayMatrix, displayNotes, labelRole, tokenDisplay } from './displayTokens';
import { tinyTokens } from './testing/tinyRun';
import { BERT_UNCASED_FAMILY } from '../core/family';
import { familyOf, familyTokens } from '../../../workers/engine/testing/familyTokenizer';

/** A 6×6 matrix with row i = [a, b, c, d, e, f] chosen by hand (rows sum to 1). */
const M = Float32Array.from(
  [
    [0.5, 0.1, 0.1, 0.1, 0.1, 0.1],
    [0.2, 0.2, 0.2, 0.2, 0.1, 0.1],
    [0.1, 0.1, 0.4, 0.2, 0.1, 0.1],
    [0.1, 0.1, 0.2, 0.4, 0.1, 0.1],
    [0.0, 0.0, 0.0, 0.0, 0.5, 0.5],
    [0.3, 0.1, 0.1, 0.1, 0.1, 0.3],
  ].flat(),
);

describe('tokenDisplay', () => {
  it('word pieces as they are, or merged into words, with or without [CLS]/[SEP]', () => {
    const tokens = tinyTokens();
    expect(
      tokenDisplay(tokens, BERT_UNCASED_FAMILY, { words: false, hideSpecial: false }).labels.map((l) => l.text),
    ).toEqual(['[CLS]', 'the', 'cab', '##inet', 'sat', '[SEP]']);
    const words = tokenDisplay(tokens, BERT_UNCASED_FAMILY, { words: true, hideSpecial: true });
    expect(words.labels.map((l) => l.text)).toEqual(['the', 'cabinet', 'sat']);
    expect(words.keep).toEqual([1, 2, 3]);
    expect(words.isPair).toBe(false);
    expect(tokenDisplay(tinyTokens(true), BERT_UNCASED_FAMILY, { words: false, hideSpecial: false }).isPair).toBe(true);
  });
});

describe('displayMatrix', () => {
  it('passes a token matrix through untouched when nothing is merged or hidden', () => {
    const shown = displayMatrix(
      M,
      tokenDisplay(tinyTokens(), BERT_UNCASED_FAMILY, { words: false, hideSpecial: false }),
    );
    expect(shown.matrix).toBe(M);
    expect(shown.meanRemoved).toBeNull();
  });

  it('merges "cab ##inet" (columns summed, rows averaged), then hides [CLS]/[SEP] and renormalises', () => {
    const shown = displayMatrix(M, tokenDisplay(tinyTokens(), BERT_UNCASED_FAMILY, { words: true, hideSpecial: true }));
    expect(shown.size).toBe(3);
    // Row "the" (token 1): to the 0.2, to cabinet 0.2+0.2, to sat 0.1; kept 0.7 of 1.
    const cabinetRow = [0.1, (0.4 + 0.2 + 0.2 + 0.4) / 2, 0.1]; // to the, cabinet, sat (mean of two rows)
    const cabinetKept = cabinetRow.reduce((a, b) => a + b, 0);
    const expected = [[0.2 / 0.7, 0.4 / 0.7, 0.1 / 0.7], cabinetRow.map((v) => v / cabinetKept), [0, 0, 1]].flat();
    Array.from(shown.matrix).forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 6));
    // Removed: "the" 0.3, "cabinet" 1 - 0.8 = 0.2, "sat" 0.5 → mean 1/3.
    expect(shown.meanRemoved).toBeCloseTo((0.3 + 0.2 + 0.5) / 3, 6);
  });
});

describe('labels and notes', () => {
  it('inks special tokens grey and, in a pair, each segment in its colour', () => {
    expect(labelRole({ text: '[CLS]', special: true, segment: 0 }, true)).toBe('special');
    expect(labelRole({ text: 'a', special: false, segment: 0 }, false)).toBe('text');
    expect(labelRole({ text: 'a', special: false, segment: 0 }, true)).toBe('segmentA');
    expect(labelRole({ text: 'b', special: false, segment: 1 }, true)).toBe('segmentB');
  });

  it('says how much attention hiding removed', () => {
    const display = tokenDisplay(tinyTokens(), BERT_UNCASED_FAMILY, { words: true, hideSpecial: true });
    expect(displayNotes(display, 0.4321)).toEqual([
      'word level (pieces merged: attention to a word summed, from a word averaged)',
      "[CLS]/[SEP] hidden, rows renormalised: they held 43.2% of each row's attention on average",
    ]);
  });
});

describe('each family as a person reads it', () => {
  it('shows RoBERTa pieces without "Ġ", the raw piece kept, words merged at its pre-tokenizer’s cuts, <s>/</s> named', () => {
    const family = familyOf('roberta');
    const tokens = familyTokens('roberta', 'The keys are playing.');
    const pieces = tokenDisplay(tokens, family, { words: false, hideSpecial: false });
    expect(pieces.labels.map((l) => l.text).join(' ')).toBe('<s> The keys are play ##ing . </s>');
    expect(pieces.labels.map((l) => l.raw ?? null)).toEqual([null, null, 'Ġkeys', 'Ġare', 'Ġplay', 'ing', null, null]);
    // Word level: the family's words, with no marks.
    const words = tokenDisplay(tokens, family, { words: true, hideSpecial: true });
    expect(words.labels.map((l) => l.text)).toEqual(['The', 'keys', 'are', 'playing', '.']);
    expect(words.labels.every((l) => l.raw === undefined)).toBe(true);
    expect(displayNotes(words, 0.5)[1]).toMatch(/^<s>\/<\/s> hidden, rows renormalised/);
  });

  it('shows SentencePiece pieces without "▁" (XLM-R)', () => {
    const tokens = familyTokens('xlm-r', 'The keys are playing.');
    const pieces = tokenDisplay(tokens, familyOf('xlm-r'), { words: false, hideSpecial: true });
    expect(pieces.labels.map((l) => l.text).join(' ')).toBe('The keys are play ##ing ##.');
    expect(pieces.labels[0]!.raw).toBe('▁The');
  });
});
