/**
 * Per-head surface statistics after Clark et al. 2019, "What Does BERT Look At?" (sec. 3): how much
 * attention each head sends to [SEP], [CLS], punctuation, the token itself and its neighbours, and
 * how broad its attention is (mean row entropy). Averaged over the "from" tokens of one input, and
 * over many inputs with CorpusHeadStats.
 */

import { cleanPiece, type ModelFamily } from '../core/family';
import type { TokenInfo } from '../core/types';
import type { AttentionDims } from './attentionTensor';

export type HeadStatName = 'sep' | 'cls' | 'punct' | 'self' | 'prev' | 'next' | 'entropy';

export const HEAD_STAT_NAMES: readonly HeadStatName[] = ['sep', 'cls', 'punct', 'self', 'prev', 'next', 'entropy'];

/** One value per head for each statistic, each [L*H] with index layer*H + head. */
export type HeadStats = Record<HeadStatName, Float32Array>;

const PUNCTUATION = /^\p{P}+$/u;

/** The family's separator ([SEP], </s>), recognised by its id. */
export function isSepToken(token: TokenInfo, family: ModelFamily): boolean {
  return token.special && token.id === family.tokens.sep?.id;
}

/** The family's first token ([CLS], <s>), recognised by its id. */
export function isClsToken(token: TokenInfo, family: ModelFamily): boolean {
  return token.special && token.id === family.tokens.cls?.id;
}

/** A non-special token whose clean text (word marker dropped, bytes decoded: "Ġ," is a comma) is only Unicode punctuation (\p{P}). */
export function isPunctuationToken(token: TokenInfo, family: ModelFamily): boolean {
  if (token.special) return false;
  return PUNCTUATION.test(cleanPiece(family, token.text));
}

function positions(tokens: readonly TokenInfo[], test: (t: TokenInfo) => boolean): number[] {
  const out: number[] = [];
  tokens.forEach((t, i) => {
    if (test(t)) out.push(i);
  });
  return out;
}

function emptyStats(size: number): HeadStats {
  return {
    sep: new Float32Array(size),
    cls: new Float32Array(size),
    punct: new Float32Array(size),
    self: new Float32Array(size),
    prev: new Float32Array(size),
    next: new Float32Array(size),
    entropy: new Float32Array(size),
  };
}

/**
 * Statistics of every head for one input. Each is a mean over the from-tokens i of all S rows
 * (special tokens included, as in Clark et al.), except prev (i ≥ 1) and next (i < S-1), which are 0
 * when S = 1. Entropy is in nats; a uniform row over S tokens has entropy ln S.
 */
export function headStats(
  attention: Float32Array,
  dims: AttentionDims,
  tokens: readonly TokenInfo[],
  family: ModelFamily,
): HeadStats {
  const [layers, heads, seq] = dims;
  if (tokens.length !== seq) {
    throw new RangeError(`Got ${tokens.length} tokens for attention over ${seq} tokens.`);
  }
  const expected = layers * heads * seq * seq;
  if (attention.length !== expected) {
    throw new RangeError(`Attention has ${attention.length} values; dims [${dims.join(', ')}] need ${expected}.`);
  }
  const sep = positions(tokens, (t) => isSepToken(t, family));
  const cls = positions(tokens, (t) => isClsToken(t, family));
  const punct = positions(tokens, (t) => isPunctuationToken(t, family));
  const stats = emptyStats(layers * heads);
  const size = seq * seq;
  for (let m = 0; m < layers * heads; m++) {
    const base = m * size;
    let toSep = 0;
    let toCls = 0;
    let toPunct = 0;
    let toSelf = 0;
    let toPrev = 0;
    let toNext = 0;
    let entropy = 0;
    for (let i = 0; i < seq; i++) {
      const row = base + i * seq;
      for (const j of sep) toSep += attention[row + j]!;
      for (const j of cls) toCls += attention[row + j]!;
      for (const j of punct) toPunct += attention[row + j]!;
      toSelf += attention[row + i]!;
      if (i >= 1) toPrev += attention[row + i - 1]!;
      if (i < seq - 1) toNext += attention[row + i + 1]!;
      for (let j = 0; j < seq; j++) {
        const p = attention[row + j]!;
        if (p > 0) entropy -= p * Math.log(p);
      }
    }
    stats.sep[m] = toSep / seq;
    stats.cls[m] = toCls / seq;
    stats.punct[m] = toPunct / seq;
    stats.self[m] = toSelf / seq;
    stats.prev[m] = seq > 1 ? toPrev / (seq - 1) : 0;
    stats.next[m] = seq > 1 ? toNext / (seq - 1) : 0;
    stats.entropy[m] = entropy / seq;
  }
  return stats;
}

/**
 * Averages per-head statistics over many inputs, weighting each input by the number of from-tokens
 * its means were taken over (S, or S-1 for prev/next), so the result is a mean over all tokens of
 * the corpus as in Clark et al.'s corpus-level numbers.
 */
export class CorpusHeadStats {
  #sums: Record<HeadStatName, Float64Array> | undefined;
  #weights: Record<HeadStatName, number> = { sep: 0, cls: 0, punct: 0, self: 0, prev: 0, next: 0, entropy: 0 };
  #inputs = 0;

  /** Inputs added so far. */
  get inputs(): number {
    return this.#inputs;
  }

  /** Adds the statistics of one input of `seq` tokens (the S of its attention dims). */
  add(stats: HeadStats, seq: number): void {
    if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`An input needs at least one token, got ${seq}.`);
    const size = stats.sep.length;
    if (!this.#sums) {
      this.#sums = {
        sep: new Float64Array(size),
        cls: new Float64Array(size),
        punct: new Float64Array(size),
        self: new Float64Array(size),
        prev: new Float64Array(size),
        next: new Float64Array(size),
        entropy: new Float64Array(size),
      };
    }
    for (const name of HEAD_STAT_NAMES) {
      if (stats[name].length !== this.#sums[name].length) {
        throw new RangeError(
          `Statistics for ${stats[name].length} heads cannot join a corpus of ${this.#sums[name].length} heads.`,
        );
      }
    }
    for (const name of HEAD_STAT_NAMES) {
      const weight = name === 'prev' || name === 'next' ? seq - 1 : seq;
      const sums = this.#sums[name];
      const values = stats[name];
      for (let m = 0; m < sums.length; m++) sums[m] = sums[m]! + weight * values[m]!;
      this.#weights[name] += weight;
    }
    this.#inputs++;
  }

  /** Token-weighted means per head; throws before the first input. */
  mean(): HeadStats {
    const sums = this.#sums;
    if (!sums) throw new Error('No inputs have been added to the corpus statistics yet.');
    const out = emptyStats(sums.sep.length);
    for (const name of HEAD_STAT_NAMES) {
      const weight = this.#weights[name];
      const source = sums[name];
      const target = out[name];
      for (let m = 0; m < source.length; m++) target[m] = weight > 0 ? source[m]! / weight : 0;
    }
    return out;
  }
}

export interface RankedHead {
  layer: number;
  head: number;
  value: number;
}

/**
 * The k heads with the largest values (or smallest, for order 'ascending', e.g. the most focused
 * heads by entropy). Ties go to the lower layer, then the lower head; NaN values are left out.
 */
export function rankHeads(
  values: Float32Array,
  heads: number,
  k: number,
  order: 'descending' | 'ascending' = 'descending',
): RankedHead[] {
  if (!Number.isInteger(heads) || heads < 1 || values.length % heads !== 0) {
    throw new RangeError(`${values.length} values cannot be split into layers of ${heads} heads.`);
  }
  const sign = order === 'descending' ? -1 : 1;
  const ranked: RankedHead[] = [];
  values.forEach((value, m) => {
    if (!Number.isNaN(value)) ranked.push({ layer: Math.floor(m / heads), head: m % heads, value });
  });
  ranked.sort((a, b) => sign * (a.value - b.value) || a.layer - b.layer || a.head - b.head);
  return ranked.slice(0, Math.max(0, k));
}
