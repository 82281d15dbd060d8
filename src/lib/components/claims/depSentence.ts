/**
 * One treebank sentence seen through one head: the tree's arcs, and for every word the word the
 * head attends to most (word level, Clark et al. 2019 sec. 4.1: mean over the word's pieces, sum
 * over the target's; [CLS] and [SEP] left out, as in depScore).
 */

import type { ModelFamily } from '../../core/family';
import type { RunResult } from '../../core/types';
import { headMatrix } from '../../analysis/attentionTensor';
import { mergeToWords } from '../../analysis/wordLevel';
import type { ConlluSentence } from '../../probes/conllu';
import { alignWords } from '../../probes/wordAlignment';
import type { GoldArc, PredictedArc } from '../../render/charts/depArcs';

export interface SentenceView {
  words: string[];
  /** The head's word-level attention [W, W], row = from. */
  merged: Float32Array;
  gold: GoldArc[];
  predicted: PredictedArc[];
  /** Share of words whose most-attended word is linked to them by an arc of the tree. */
  linked: number;
}

export function goldArcs(sentence: ConlluSentence): GoldArc[] {
  return sentence.words.map((w, d) => ({ dependent: d, head: w.head - 1, label: w.deprel }));
}

/** For each word, the other word with the most attention (ties to the earlier word); -1 for a one-word sentence. */
export function mostAttendedWords(merged: Float32Array, words: number): number[] {
  return Array.from({ length: words }, (_, i) => {
    let best = -1;
    for (let j = 0; j < words; j++) {
      if (j !== i && (best < 0 || merged[i * words + j]! > merged[i * words + best]!)) best = j;
    }
    return best;
  });
}

export function sentenceView(
  sentence: ConlluSentence,
  result: RunResult,
  family: ModelFamily,
  layer: number,
  head: number,
): { ok: true; view: SentenceView } | { ok: false; reason: string } {
  const words = sentence.words.map((w) => w.form);
  const alignment = alignWords(words, result, family);
  if ('reason' in alignment) return { ok: false, reason: alignment.reason };
  const seq = result.attentionDims[2];
  const merged = mergeToWords(headMatrix(result.attention, result.attentionDims, layer, head), seq, alignment.units);
  const gold = goldArcs(sentence);
  const linkedTo = (a: number, b: number) => gold[a]!.head === b || gold[b]!.head === a;
  const predicted = mostAttendedWords(merged, words.length)
    .map((to, from) => ({ from, to, correct: to >= 0 && linkedTo(from, to) }))
    .filter((p) => p.to >= 0);
  const linked = predicted.length ? predicted.filter((p) => p.correct).length / predicted.length : 0;
  return { ok: true, view: { words, merged, gold, predicted, linked } };
}
