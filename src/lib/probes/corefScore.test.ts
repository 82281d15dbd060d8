import { BERT_UNCASED_FAMILY } from '../core/family';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../core/types';
import { nearestCandidate, resolveCorefItem, splitWords, type CorefItem, type CorefKind } from './coref';
import { attentionBetween, CorefAccumulator, rankHeadsForPair } from './corefScore';
import { rowOn, syntheticRun, syntheticTokens, uniformRow } from './testing/syntheticRun';

function item(
  id: string,
  kind: CorefKind,
  text: string,
  pronoun: string,
  gold: string,
  candidates: string[],
): CorefItem {
  const ref = (word: string) => ({ word, occurrence: 1 });
  return { id, kind, text, pronoun: ref(pronoun), antecedent: ref(gold), candidates: candidates.map(ref) };
}

// Gold antecedent first in items 1, 3, 4 and nearest in item 2: nearest-candidate scores 1/4, first-candidate 3/4.
const ITEMS = [
  item('w1', 'winograd', 'The cat chased the mouse because it was hungry.', 'it', 'cat', ['cat', 'mouse']),
  item('s1', 'simple', 'The cup hit the plate and it broke.', 'it', 'plate', ['cup', 'plate']),
  item('g1', 'gender', 'Anna met Tom and she smiled.', 'she', 'Anna', ['Anna', 'Tom']),
  item('p1', 'plural', 'The boys saw the girl and they waved.', 'they', 'boys', ['boys', 'girl']),
];

/**
 * One layer of three heads, each word one token (word w is token w + 1): from the pronoun, head 1-1
 * attends to the gold antecedent, head 1-2 to the nearest candidate, head 1-3 uniformly.
 */
function runFor(it: CorefItem): RunResult {
  const r = resolveCorefItem(it);
  const targets = [r.antecedent, nearestCandidate(r)];
  return syntheticRun(syntheticTokens(splitWords(it.text)), 1, 3, (m, i, seq) =>
    i === r.pronoun + 1 && m < 2 ? rowOn(seq, targets[m]! + 1) : uniformRow(seq),
  );
}

describe('CorefAccumulator', () => {
  const acc = new CorefAccumulator(BERT_UNCASED_FAMILY);
  for (const it of ITEMS) acc.add(it, runFor(it));
  const report = acc.result();

  it('scores a head that attends from the pronoun to the gold antecedent 100%, and the baselines their known values', () => {
    expect(report.items).toBe(4);
    expect(report.accuracy).toEqual([1, 0.25, 0.75]);
    expect(report.baselines).toEqual({ nearest: 0.25, first: 0.75, chance: 0.5 });
    expect(report.best[0]).toEqual({ layer: 0, head: 0, name: 'head 1-1', value: 1 });
    expect(report.layerBest).toEqual([1]);
  });

  it('gives a nearest-candidate head the nearest baseline, and a uniform head (ties to the earlier word) the first baseline', () => {
    expect(report.accuracy[1]).toBe(report.baselines.nearest);
    expect(report.accuracy[2]).toBe(report.baselines.first);
  });

  it('breaks the results down by kind for the best head', () => {
    expect(report.byKind.map((k) => [k.kind, k.items, k.bestHead, k.nearest, k.first])).toEqual([
      ['winograd', 1, 1, 0, 1],
      ['simple', 1, 1, 1, 0],
      ['gender', 1, 1, 0, 1],
      ['plural', 1, 1, 0, 1],
    ]);
    expect(report.byKind[1]!.bestForKind?.name).toBe('head 1-1');
  });

  it('skips an item whose words do not line up with the run', () => {
    const skipping = new CorefAccumulator(BERT_UNCASED_FAMILY);
    const wrong = syntheticRun(syntheticTokens(['The', 'dog']), 1, 1, (_, __, seq) => uniformRow(seq));
    expect(skipping.add(ITEMS[0]!, wrong)).toMatchObject({ scored: false });
    expect(skipping.result()).toMatchObject({ items: 0, skipped: [{ id: 'w1' }], accuracy: [], best: [], byKind: [] });
  });
});

describe('rankHeadsForPair', () => {
  it('ranks every head by word-level attention from one word to another', () => {
    const it = ITEMS[0]!;
    const r = resolveCorefItem(it);
    const ranked = rankHeadsForPair(runFor(it), r.pronoun, r.antecedent);
    const seq = splitWords(it.text).length + 2;
    expect(ranked.map((h) => [h.name, h.value])).toEqual([
      ['head 1-1', 1],
      ['head 1-3', Math.fround(1 / seq)],
      ['head 1-2', 0],
    ]);
  });

  it('sums over the pieces of the word attended to and averages over the pieces of the word attending', () => {
    // [CLS] she saw mou ##se then it ##s [SEP]: from "its" (pieces 6, 7) to "mouse" (pieces 3, 4).
    const tokens = syntheticTokens(['she', 'saw', 'mou ##se', 'then', 'it ##s']);
    const run = syntheticRun(tokens, 1, 1, (_, i, seq) =>
      i === 6 ? rowOn(seq, 3, 4) : i === 7 ? rowOn(seq, 3, 1) : uniformRow(seq),
    );
    expect(rankHeadsForPair(run, 4, 2)[0]!.value).toBeCloseTo((1 + 0.5) / 2, 6);
    expect(attentionBetween(run.attention, run.attentionDims, [6, 7], [3, 4])[0]).toBeCloseTo(0.75, 6);
  });

  it('refuses a word that is not in the input', () => {
    const it = ITEMS[0]!;
    expect(() => rankHeadsForPair(runFor(it), 0, 99)).toThrow(/Word 99 is not part of this input/);
  });
});
