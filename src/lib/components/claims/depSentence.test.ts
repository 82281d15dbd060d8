import { BERT_UNCASED_FAMILY } from '../../core/family';
import { describe, expect, it } from 'vitest';
import type { ConlluSentence } from '../../probes/conllu';
import { rowOn, syntheticRun, syntheticTokens } from '../../probes/testing/syntheticRun';
import { goldArcs, mostAttendedWords, sentenceView } from './depSentence';

/** "The cat sat ." — det(cat → The), nsubj(sat → cat), root(sat), punct(sat → .). */
const sentence: ConlluSentence = {
  id: 's1',
  text: 'The cat sat .',
  words: [
    ['The', 2, 'det'],
    ['cat', 3, 'nsubj'],
    ['sat', 0, 'root'],
    ['.', 3, 'punct'],
  ].map(([form, head, deprel], i) => ({
    id: i + 1,
    form: String(form),
    lemma: String(form),
    upos: 'X',
    head: Number(head),
    deprel: String(deprel),
  })),
};

describe('goldArcs', () => {
  it('turns 1-based CoNLL-U heads into 0-based indices, the root into -1', () => {
    expect(goldArcs(sentence)).toEqual([
      { dependent: 0, head: 1, label: 'det' },
      { dependent: 1, head: 2, label: 'nsubj' },
      { dependent: 2, head: -1, label: 'root' },
      { dependent: 3, head: 2, label: 'punct' },
    ]);
  });
});

describe('mostAttendedWords', () => {
  it('skips the word itself and gives ties to the earlier word', () => {
    // 3 words; row 0 prefers itself (ignored) then ties 1 and 2; row 1: word 2; row 2: word 0.
    const merged = Float32Array.from([0.8, 0.1, 0.1, 0.2, 0.3, 0.5, 0.6, 0.2, 0.2]);
    expect(mostAttendedWords(merged, 3)).toEqual([1, 2, 0]);
    expect(mostAttendedWords(Float32Array.from([1]), 1)).toEqual([-1]);
  });
});

describe('sentenceView', () => {
  // [CLS] The cat sat . [SEP]: head 1-1 sends The → cat, cat → sat, sat → . , . → The.
  const tokens = syntheticTokens(['The', 'cat', 'sat', '.']);
  const target: Record<number, number> = { 1: 2, 2: 3, 3: 4, 4: 1 };
  const run = syntheticRun(tokens, 1, 2, (m, i, seq) =>
    rowOn(seq, m === 0 && target[i] !== undefined ? target[i]! : 0),
  );

  it('draws each word to its most-attended word, marking the arcs the tree has', () => {
    const shown = sentenceView(sentence, run, BERT_UNCASED_FAMILY, 0, 0);
    if (!shown.ok) throw new Error(shown.reason);
    expect(shown.view.words).toEqual(['The', 'cat', 'sat', '.']);
    expect(shown.view.predicted).toEqual([
      { from: 0, to: 1, correct: true },
      { from: 1, to: 2, correct: true },
      { from: 2, to: 3, correct: true }, // sat → . (the tree has . → sat)
      { from: 3, to: 0, correct: false },
    ]);
    expect(shown.view.linked).toBe(0.75);
    // Word-level rows: "The" puts everything on "cat".
    expect(Array.from(shown.view.merged.slice(0, 4))).toEqual([0, 1, 0, 0]);
  });

  it('says why a sentence whose words do not line up cannot be shown', () => {
    const other = syntheticRun(syntheticTokens(['A', 'dog', 'ran', '.']), 1, 1, (_m, _i, seq) => rowOn(seq, 0));
    const shown = sentenceView(sentence, other, BERT_UNCASED_FAMILY, 0, 0);
    expect(shown.ok).toBe(false);
    if (!shown.ok) expect(shown.reason).toContain('does not line up');
  });
});
