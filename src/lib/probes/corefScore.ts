/**
 * Coreference heads, after Clark et al. 2019, "What Does BERT Look At?" (sec. 4.3): a head resolves
 * a pronoun when, among the candidate antecedents, the pronoun attends most to the gold one
 * (word-level attention: mean over the pronoun's pieces, sum over a candidate's pieces, sec. 4.1).
 * Compared with the nearest-candidate and first-candidate baselines, as the paper compares head 5-4
 * with a nearest-mention baseline.
 */

import type { RunResult } from '../core/types';
import type { AttentionDims } from '../analysis/attentionTensor';
import {
  COREF_KINDS,
  firstCandidate,
  nearestCandidate,
  resolveCorefItem,
  type CorefItem,
  type CorefKind,
} from './coref';
import type { ModelFamily } from '../core/family';
import { alignWords, type SkippedItem } from './wordAlignment';
import { topHeads, type NamedHead } from './sepScore';

/** Word-level attention from the `from` pieces to the `to` pieces in every head: [L*H], mean over rows, sum over columns. */
export function attentionBetween(
  attention: Float32Array,
  dims: AttentionDims,
  from: readonly number[],
  to: readonly number[],
): Float32Array {
  const [layers, heads, seq] = dims;
  const out = new Float32Array(layers * heads);
  for (let m = 0; m < out.length; m++) {
    let sum = 0;
    for (const i of from) for (const j of to) sum += attention[(m * seq + i) * seq + j]!;
    out[m] = sum / from.length;
  }
  return out;
}

function piecesOfWord(result: RunResult, word: number): number[] {
  const pieces: number[] = [];
  result.tokens.forEach((t, i) => {
    if (!t.special && t.word === word) pieces.push(i);
  });
  if (pieces.length === 0) throw new RangeError(`Word ${word} is not part of this input.`);
  return pieces;
}

/**
 * Every head ranked by the word-level attention from one word (a pronoun) to another (its
 * antecedent); words are `TokenInfo.word` indices. Ties go to the lower layer, then the lower head.
 */
export function rankHeadsForPair(result: RunResult, fromWord: number, toWord: number): NamedHead[] {
  const values = attentionBetween(
    result.attention,
    result.attentionDims,
    piecesOfWord(result, fromWord),
    piecesOfWord(result, toWord),
  );
  return topHeads(values, result.attentionDims[1], values.length);
}

interface KindTally {
  items: number;
  correct: Uint32Array;
  nearest: number;
  first: number;
}

export interface CorefKindScore {
  kind: CorefKind;
  items: number;
  /** Accuracy of the overall best head on this kind. */
  bestHead: number;
  /** The best head on this kind alone (null without items). */
  bestForKind: NamedHead | null;
  nearest: number;
  first: number;
}

export interface CorefReport {
  items: number;
  layers: number;
  heads: number;
  /** Accuracy of each head, index layer*H + head. */
  accuracy: number[];
  /** The ten most accurate heads, best first. */
  best: NamedHead[];
  /** Per layer, the accuracy of its best head. */
  layerBest: number[];
  baselines: { nearest: number; first: number; chance: number };
  byKind: CorefKindScore[];
  skipped: SkippedItem[];
}

export class CorefAccumulator {
  #layers = 0;
  #heads = 0;
  #chance = 0;
  #kinds = new Map<CorefKind, KindTally>();
  #skipped: SkippedItem[] = [];

  /** `family`: the model's, whose rules line the item's words up with its pieces. */
  constructor(private readonly family: ModelFamily) {}

  get items(): number {
    return [...this.#kinds.values()].reduce((s, k) => s + k.items, 0);
  }

  get skipped(): readonly SkippedItem[] {
    return this.#skipped;
  }

  /** Scores one item from the run of its text. An item whose words do not line up with the model's is skipped. */
  add(item: CorefItem, result: RunResult): { scored: true } | { scored: false; reason: string } {
    const resolved = resolveCorefItem(item);
    const alignment = alignWords(resolved.words, result, this.family);
    if ('reason' in alignment) {
      this.#skipped.push({ id: item.id, reason: alignment.reason });
      return { scored: false, reason: alignment.reason };
    }
    const [layers, heads] = result.attentionDims;
    if (this.items === 0) [this.#layers, this.#heads] = [layers, heads];
    if (layers !== this.#layers || heads !== this.#heads) {
      throw new RangeError(`A ${layers}×${heads}-head run cannot join scores of ${this.#layers}×${this.#heads} heads.`);
    }
    const pronoun = alignment.units[resolved.pronoun]!.pieces;
    // Text order, so that a tie goes to the earlier candidate.
    const candidates = [...resolved.candidates].sort((a, b) => a - b);
    const toCandidate = candidates.map((c) =>
      attentionBetween(result.attention, result.attentionDims, pronoun, alignment.units[c]!.pieces),
    );
    let tally = this.#kinds.get(item.kind);
    if (!tally) {
      tally = { items: 0, correct: new Uint32Array(layers * heads), nearest: 0, first: 0 };
      this.#kinds.set(item.kind, tally);
    }
    for (let m = 0; m < layers * heads; m++) {
      let pick = 0;
      toCandidate.forEach((values, n) => {
        if (values[m]! > toCandidate[pick]![m]!) pick = n;
      });
      if (candidates[pick] === resolved.antecedent) tally.correct[m]!++;
    }
    tally.items++;
    if (nearestCandidate(resolved) === resolved.antecedent) tally.nearest++;
    if (firstCandidate(resolved) === resolved.antecedent) tally.first++;
    this.#chance += 1 / candidates.length;
    return { scored: true };
  }

  /** Records an item that could not be run, and why. */
  skip(id: string, reason: string): void {
    this.#skipped.push({ id, reason });
  }

  /** A plain JSON-serialisable report of everything added so far. */
  result(): CorefReport {
    const items = this.items;
    const size = this.#layers * this.#heads;
    const correct = new Float64Array(size);
    for (const t of this.#kinds.values()) t.correct.forEach((c, m) => (correct[m] = correct[m]! + c));
    const accuracy = Array.from(correct, (c) => (items > 0 ? c / items : 0));
    const ranked = topHeads(accuracy, this.#heads, size);
    const top = ranked[0];
    const sum = (pick: (t: KindTally) => number): number =>
      [...this.#kinds.values()].reduce((s, t) => s + pick(t), 0) / Math.max(1, items);
    const byKind = COREF_KINDS.filter((kind) => this.#kinds.has(kind)).map((kind): CorefKindScore => {
      const t = this.#kinds.get(kind)!;
      const own = topHeads(
        Array.from(t.correct, (c) => c / t.items),
        this.#heads,
        1,
      )[0];
      return {
        kind,
        items: t.items,
        bestHead: top ? t.correct[top.layer * this.#heads + top.head]! / t.items : 0,
        bestForKind: own ?? null,
        nearest: t.nearest / t.items,
        first: t.first / t.items,
      };
    });
    return {
      items,
      layers: this.#layers,
      heads: this.#heads,
      accuracy,
      best: ranked.slice(0, 10),
      layerBest: Array.from({ length: this.#layers }, (_, l) =>
        Math.max(...accuracy.slice(l * this.#heads, (l + 1) * this.#heads)),
      ),
      baselines: {
        nearest: sum((t) => t.nearest),
        first: sum((t) => t.first),
        chance: this.#chance / Math.max(1, items),
      },
      byKind,
      skipped: [...this.#skipped],
    };
  }
}
