/**
 * Corpus-level surface statistics of every head, after Clark et al. 2019, "What Does BERT Look At?"
 * (sec. 3): mean attention to [SEP], [CLS], punctuation, the token itself and its neighbours, and
 * row entropy, over all tokens of a corpus (CorpusHeadStats). Per-layer means draw the paper's
 * Figure 2 as a line chart and check its claim that over half of the attention in layers 6-10 goes
 * to [SEP]; the heads above half on the previous or next token are counted as in sec. 3.1.
 */

import type { RunResult } from '../core/types';
import type { ModelFamily } from '../core/family';
import { CorpusHeadStats, HEAD_STAT_NAMES, headStats, type HeadStatName } from '../analysis/headStats';
import { headName } from '../analysis/layerLabels';
import type { SkippedItem } from './wordAlignment';

export interface NamedHead {
  layer: number;
  head: number;
  /** "head 8-10". */
  name: string;
  value: number;
}

/**
 * The k heads with the largest values (smallest for 'ascending'), named; ties go to the lower layer,
 * then the lower head; NaN is left out. `values` is [L*H] with index layer*H + head.
 */
export function topHeads(
  values: ArrayLike<number>,
  heads: number,
  k: number,
  order: 'descending' | 'ascending' = 'descending',
): NamedHead[] {
  const sign = order === 'descending' ? -1 : 1;
  const out: NamedHead[] = [];
  for (let m = 0; m < values.length; m++) {
    const value = values[m]!;
    const layer = Math.floor(m / heads);
    if (!Number.isNaN(value)) out.push({ layer, head: m % heads, name: headName(layer, m % heads), value });
  }
  out.sort((a, b) => sign * (a.value - b.value) || a.layer - b.layer || a.head - b.head);
  return out.slice(0, Math.max(0, k));
}

/** Clark et al.'s claim (sec. 3.2), 1-based layers. */
export const SEP_CLAIM_LAYERS = { from: 6, to: 10 } as const;

export interface SepClaim {
  fromLayer: number;
  toLayer: number;
  /** Mean [SEP] fraction of each layer in the range. */
  layerMeans: number[];
  /** True when every layer in the range sends over half of its attention to [SEP]. */
  holds: boolean;
}

export interface SepReport {
  inputs: number;
  /** Inputs that were sentence pairs (had a segment B). */
  pairs: number;
  tokens: number;
  layers: number;
  heads: number;
  /** Corpus mean of each statistic per head, index layer*H + head (entropy in nats). */
  perHead: Record<HeadStatName, number[]>;
  /** Mean over the heads of each layer. */
  layerMeans: Record<HeadStatName, number[]>;
  /** The five heads with the highest value of each statistic (for entropy: the broadest heads). */
  top: Record<HeadStatName, NamedHead[]>;
  /** The five most focused heads (lowest entropy). */
  focused: NamedHead[];
  /** Heads putting over half of their attention on the previous / next token (sec. 3.1). */
  previousTokenHeads: NamedHead[];
  nextTokenHeads: NamedHead[];
  /** Null when the model has fewer than 10 layers. */
  sepClaim: SepClaim | null;
  /** Inputs the model could not read. */
  skipped: SkippedItem[];
}

const TOP = 5;

/** Float32 statistics as plain numbers, rounded to 6 decimals so JSON shows no float32 noise. */
function plain(values: Float32Array): number[] {
  return Array.from(values, (v) => Math.round(v * 1e6) / 1e6);
}

function byStat<T>(make: (name: HeadStatName) => T): Record<HeadStatName, T> {
  return Object.fromEntries(HEAD_STAT_NAMES.map((name) => [name, make(name)])) as Record<HeadStatName, T>;
}

export class SepAccumulator {
  #corpus = new CorpusHeadStats();
  #layers = 0;
  #heads = 0;
  #tokens = 0;
  #pairs = 0;
  #skipped: SkippedItem[] = [];

  /** `family`: the model's, so that [SEP]/</s> and punctuation are recognised by its ids and rules. */
  constructor(private readonly family: ModelFamily) {}

  get inputs(): number {
    return this.#corpus.inputs;
  }

  /** Adds one input's run. */
  add(result: RunResult): void {
    const [layers, heads, seq] = result.attentionDims;
    if (this.inputs === 0) [this.#layers, this.#heads] = [layers, heads];
    this.#corpus.add(headStats(result.attention, result.attentionDims, result.tokens, this.family), seq);
    this.#tokens += seq;
    if (result.tokens.some((t) => t.segment === 1)) this.#pairs++;
  }

  /** Records an input that could not be run, and why. */
  skip(id: string, reason: string): void {
    this.#skipped.push({ id, reason });
  }

  /** A plain JSON-serialisable report of everything added so far. */
  result(): SepReport {
    const [layers, heads] = [this.#layers, this.#heads];
    const mean = this.inputs > 0 ? this.#corpus.mean() : null;
    const perHead = byStat((name) => (mean ? plain(mean[name]) : []));
    const layerMeans = byStat((name) =>
      Array.from({ length: layers }, (_, l) => {
        const slice = perHead[name].slice(l * heads, (l + 1) * heads);
        return Math.round((slice.reduce((s, v) => s + v, 0) / heads) * 1e6) / 1e6;
      }),
    );
    const { from, to } = SEP_CLAIM_LAYERS;
    const claimMeans = layerMeans.sep.slice(from - 1, to);
    return {
      inputs: this.inputs,
      pairs: this.#pairs,
      tokens: this.#tokens,
      layers,
      heads,
      perHead,
      layerMeans,
      top: byStat((name) => topHeads(perHead[name], heads, TOP)),
      focused: topHeads(perHead.entropy, heads, TOP, 'ascending'),
      previousTokenHeads: topHeads(perHead.prev, heads, perHead.prev.length).filter((h) => h.value > 0.5),
      nextTokenHeads: topHeads(perHead.next, heads, perHead.next.length).filter((h) => h.value > 0.5),
      sepClaim:
        this.inputs > 0 && layers >= to
          ? { fromLayer: from, toLayer: to, layerMeans: claimMeans, holds: claimMeans.every((v) => v > 0.5) }
          : null,
      skipped: [...this.#skipped],
    };
  }
}
