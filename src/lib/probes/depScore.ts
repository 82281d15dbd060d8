/**
 * Dependency accuracy of every attention head, after Clark et al. 2019, "What Does BERT Look At?"
 * (sec. 4.2, Table 1): each head is a classifier that, given a word, predicts its most-attended-to
 * other word (word-level attention, [CLS]/[SEP] and the word itself left out); a head scores on a
 * relation when that word is the gold head (dependent → head) or, read from the parent's row, the
 * dependent (head → dependent, once per arc). A fixed-offset baseline (the word k to the right,
 * k in ±1..4, best k per relation) says how much of that position alone explains.
 */

import type { RunResult } from '../core/types';
import { headName, layerName } from '../analysis/layerLabels';
import { mergeAllToWords } from '../analysis/wordLevel';
import type { ConlluSentence } from './conllu';
import type { ModelFamily } from '../core/family';
import { bootstrapPeak, type PeakNoise, type SentenceCounts } from './peakNoise';
import { alignWords, type SkippedItem } from './wordAlignment';

export type DepDirection = 'dependent-to-head' | 'head-to-dependent';

/** Relative offsets of the fixed-offset baseline, nearest first (ties go to the nearer offset). */
export const BASELINE_OFFSETS: readonly number[] = [-1, 1, -2, 2, -3, 3, -4, 4];

/** Left out of the per-layer summary, as Clark et al. leave punct out of Table 1. */
const SUMMARY_EXCLUDED = new Set(['punct']);

export interface BestHead {
  layer: number;
  head: number;
  /** "head 8-10". */
  name: string;
  direction: DepDirection;
  accuracy: number;
}

export interface DepRelationScore {
  /** UD relation with its subtype ("nmod:poss"), or "all" for every non-root arc pooled. */
  relation: string;
  arcs: number;
  best: BestHead;
  /** Accuracy of each head, index layer*H + head. */
  dependentToHead: number[];
  headToDependent: number[];
  baseline: { offset: number; accuracy: number };
  /** Per layer, the best accuracy of any of its heads in either direction. */
  layerBest: number[];
}

export interface DepReport {
  sentences: number;
  arcs: number;
  layers: number;
  heads: number;
  all: DepRelationScore | null;
  /** Most frequent first. */
  relations: DepRelationScore[];
  /** Per layer, the mean over relations (weighted by arcs, punct left out) of the layer's best head. */
  layerSummary: { layer: number; name: string; meanBest: number }[];
  /** 0-based layer with the highest meanBest, null before any arc. */
  peakLayer: number | null;
  /** Whether that peak stands out of the noise: a bootstrap over sentences (peakNoise.ts); null before any arc. */
  peakNoise: PeakNoise | null;
  skipped: SkippedItem[];
}

/** The model input for a treebank sentence: its words joined by spaces. */
export function depInputText(sentence: ConlluSentence): string {
  return sentence.words.map((w) => w.form).join(' ');
}

/** For every head and word, the most-attended other word (-1 for a one-word sentence); ties to the earlier word. */
function mostAttended(merged: Float32Array, heads: number, words: number): Int32Array {
  const out = new Int32Array(heads * words).fill(-1);
  for (let m = 0; m < heads; m++) {
    for (let i = 0; i < words; i++) {
      const row = (m * words + i) * words;
      let best = -Infinity;
      for (let j = 0; j < words; j++) {
        if (j !== i && merged[row + j]! > best) {
          best = merged[row + j]!;
          out[m * words + i] = j;
        }
      }
    }
  }
  return out;
}

interface Tally {
  arcs: number;
  dependentToHead: Uint32Array;
  headToDependent: Uint32Array;
  offsets: Uint32Array;
}

/**
 * Clark et al.'s special case for possessives: a possessor followed by "'s" is scored by what the
 * "'s" attends to, since BERT's heads attend from it (their code, relation poss; UD nmod:poss).
 */
function scoredWord(sentence: ConlluSentence, d: number): number {
  const next = sentence.words[d + 1]?.form;
  const possessive = sentence.words[d]!.deprel === 'nmod:poss' || sentence.words[d]!.deprel === 'poss';
  return possessive && (next === "'s" || next === "'") ? d + 1 : d;
}

/** Adds one sentence's run at a time (so a caller can show progress and stop), then reports. */
export class DepAccumulator {
  #layers = 0;
  #heads = 0;
  #sentences = 0;
  #tallies = new Map<string, Tally>();
  #all: Tally | undefined;
  #skipped: SkippedItem[] = [];
  /** Per scored sentence, its counts per relation (for the bootstrap of the peak layer). */
  #perSentence: SentenceCounts[] = [];

  /** `family`: the model's, whose rules line the treebank's words up with its pieces. */
  constructor(private readonly family: ModelFamily) {}

  get sentences(): number {
    return this.#sentences;
  }

  get skipped(): readonly SkippedItem[] {
    return this.#skipped;
  }

  /** Scores one sentence from the run of `depInputText(sentence)`; a sentence that does not line up is skipped. */
  add(sentence: ConlluSentence, result: RunResult): { scored: true } | { scored: false; reason: string } {
    const alignment = alignWords(
      sentence.words.map((w) => w.form),
      result,
      this.family,
    );
    if ('reason' in alignment) {
      this.#skipped.push({ id: sentence.id, reason: alignment.reason });
      return { scored: false, reason: alignment.reason };
    }
    const [layers, heads] = result.attentionDims;
    if (this.#sentences === 0) [this.#layers, this.#heads] = [layers, heads];
    if (layers !== this.#layers || heads !== this.#heads) {
      throw new RangeError(`A ${layers}×${heads}-head run cannot join scores of ${this.#layers}×${this.#heads} heads.`);
    }
    const size = layers * heads;
    const words = alignment.units.length;
    const predicted = mostAttended(
      mergeAllToWords(result.attention, result.attentionDims, alignment.units),
      size,
      words,
    );
    const mine: SentenceCounts = new Map();
    sentence.words.forEach((word, d) => {
      if (word.head === 0) return;
      const h = word.head - 1;
      const source = scoredWord(sentence, d);
      let own = mine.get(word.deprel);
      if (!own) {
        own = { arcs: 0, dependentToHead: new Uint16Array(size), headToDependent: new Uint16Array(size) };
        mine.set(word.deprel, own);
      }
      own.arcs++;
      for (let m = 0; m < size; m++) {
        if (predicted[m * words + source] === h) own.dependentToHead[m]!++;
        if (predicted[m * words + h] === d) own.headToDependent[m]!++;
      }
      for (const tally of [this.#tally(word.deprel), (this.#all ??= this.#emptyTally())]) {
        tally.arcs++;
        for (let m = 0; m < size; m++) {
          if (predicted[m * words + source] === h) tally.dependentToHead[m]!++;
          if (predicted[m * words + h] === d) tally.headToDependent[m]!++;
        }
        BASELINE_OFFSETS.forEach((k, n) => {
          if (d + k === h) tally.offsets[n]!++;
        });
      }
    });
    this.#perSentence.push(mine);
    this.#sentences++;
    return { scored: true };
  }

  #emptyTally(): Tally {
    const size = this.#layers * this.#heads;
    return {
      arcs: 0,
      dependentToHead: new Uint32Array(size),
      headToDependent: new Uint32Array(size),
      offsets: new Uint32Array(BASELINE_OFFSETS.length),
    };
  }

  #tally(relation: string): Tally {
    let tally = this.#tallies.get(relation);
    if (!tally) this.#tallies.set(relation, (tally = this.#emptyTally()));
    return tally;
  }

  /** Records an item that could not be run, and why. */
  skip(id: string, reason: string): void {
    this.#skipped.push({ id, reason });
  }

  /** A plain JSON-serialisable report of everything added so far. */
  result(): DepReport {
    const score = (relation: string, t: Tally): DepRelationScore => scoreRelation(relation, t, this.#heads);
    const relations = [...this.#tallies]
      .map(([relation, t]) => score(relation, t))
      .sort((a, b) => b.arcs - a.arcs || a.relation.localeCompare(b.relation));
    const counted = relations.filter((r) => !SUMMARY_EXCLUDED.has(r.relation));
    const weight = counted.reduce((s, r) => s + r.arcs, 0);
    const layerSummary = Array.from({ length: weight > 0 ? this.#layers : 0 }, (_, layer) => ({
      layer,
      name: layerName(layer),
      meanBest: counted.reduce((s, r) => s + r.arcs * r.layerBest[layer]!, 0) / weight,
    }));
    const peak = layerSummary.reduce<(typeof layerSummary)[number] | null>(
      (best, l) => (best === null || l.meanBest > best.meanBest ? l : best),
      null,
    );
    return {
      sentences: this.#sentences,
      arcs: this.#all?.arcs ?? 0,
      layers: this.#layers,
      heads: this.#heads,
      all: this.#all ? score('all', this.#all) : null,
      relations,
      layerSummary,
      peakLayer: peak?.layer ?? null,
      peakNoise: peak ? bootstrapPeak(this.#perSentence, this.#layers, this.#heads, SUMMARY_EXCLUDED) : null,
      skipped: [...this.#skipped],
    };
  }
}

/** Accuracies from counts; best head by accuracy, then dependent → head first, then the lower layer and head. */
function scoreRelation(relation: string, t: Tally, heads: number): DepRelationScore {
  const rate = (counts: Uint32Array): number[] => Array.from(counts, (c) => (t.arcs > 0 ? c / t.arcs : 0));
  const dependentToHead = rate(t.dependentToHead);
  const headToDependent = rate(t.headToDependent);
  let best: BestHead = { layer: 0, head: 0, name: headName(0, 0), direction: 'dependent-to-head', accuracy: -1 };
  const layerBest = Array.from({ length: dependentToHead.length / heads }, () => 0);
  for (const [direction, values] of [
    ['dependent-to-head', dependentToHead],
    ['head-to-dependent', headToDependent],
  ] as const) {
    values.forEach((accuracy, m) => {
      const layer = Math.floor(m / heads);
      layerBest[layer] = Math.max(layerBest[layer]!, accuracy);
      if (accuracy > best.accuracy)
        best = { layer, head: m % heads, name: headName(layer, m % heads), direction, accuracy };
    });
  }
  let baseline = { offset: BASELINE_OFFSETS[0]!, accuracy: -1 };
  BASELINE_OFFSETS.forEach((offset, n) => {
    const accuracy = t.arcs > 0 ? t.offsets[n]! / t.arcs : 0;
    if (accuracy > baseline.accuracy) baseline = { offset, accuracy };
  });
  return { relation, arcs: t.arcs, best, dependentToHead, headToDependent, baseline, layerBest };
}
