/**
 * Is the peak layer of the dependency curve a real peak, or within noise of other layers? A
 * percentile bootstrap over sentences (Efron & Tibshirani 1993): resample the scored sentences
 * with replacement, recompute the per-layer curve exactly as the report does (per relation, the
 * layer's best head in either direction; the mean over relations weighted by arcs), and count how
 * often each layer comes out on top. Layers on top in at least `threshold` of the resamples are
 * "contenders"; the peak is clear when it is the only one. With 26/27/28/26% on a hundred
 * sentences, every layer is a contender and no peak is declared.
 */

/** One sentence's counts for one relation: arcs, and per head (index layer*H + head) how many each direction got right. */
export interface RelationCounts {
  arcs: number;
  dependentToHead: Uint16Array;
  headToDependent: Uint16Array;
}

export type SentenceCounts = Map<string, RelationCounts>;

export interface PeakNoise {
  resamples: number;
  /** Share of resamples in which each layer (0-based index) had the highest curve value. */
  share: number[];
  /** Layers on top in at least `threshold` of the resamples, highest share first. */
  contenders: number[];
  threshold: number;
  /** True when the peak layer is the only contender. */
  clear: boolean;
}

/** The per-layer curve (mean over relations, weighted by arcs, of the layer's best head) from summed counts. */
export function layerCurveOf(
  totals: Map<string, { arcs: number; dependentToHead: ArrayLike<number>; headToDependent: ArrayLike<number> }>,
  layers: number,
  heads: number,
  excluded: ReadonlySet<string>,
): number[] {
  const curve = new Array<number>(layers).fill(0);
  let weight = 0;
  for (const [relation, t] of totals) {
    if (excluded.has(relation) || t.arcs === 0) continue;
    weight += t.arcs;
    for (let l = 0; l < layers; l++) {
      let best = 0;
      for (let h = 0; h < heads; h++) {
        const m = l * heads + h;
        best = Math.max(best, t.dependentToHead[m]!, t.headToDependent[m]!);
      }
      // arcs × (best / arcs): the count of the layer's best head.
      curve[l]! += best;
    }
  }
  return weight > 0 ? curve.map((c) => c / weight) : curve;
}

/** A small seeded generator (mulberry32), so a report is the same on every run and in the CLI. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function argmax(values: readonly number[]): number {
  let at = 0;
  values.forEach((v, i) => {
    if (v > values[at]!) at = i;
  });
  return at;
}

export function bootstrapPeak(
  sentences: readonly SentenceCounts[],
  layers: number,
  heads: number,
  excluded: ReadonlySet<string>,
  { resamples = 400, threshold = 0.05, seed = 20190801 } = {},
): PeakNoise | null {
  if (sentences.length === 0 || layers === 0) return null;
  const next = random(seed);
  const wins = new Array<number>(layers).fill(0);
  const size = layers * heads;
  for (let b = 0; b < resamples; b++) {
    const totals = new Map<string, { arcs: number; dependentToHead: Uint32Array; headToDependent: Uint32Array }>();
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[Math.floor(next() * sentences.length)]!;
      for (const [relation, c] of s) {
        let t = totals.get(relation);
        if (!t) {
          t = { arcs: 0, dependentToHead: new Uint32Array(size), headToDependent: new Uint32Array(size) };
          totals.set(relation, t);
        }
        t.arcs += c.arcs;
        for (let m = 0; m < size; m++) {
          t.dependentToHead[m]! += c.dependentToHead[m]!;
          t.headToDependent[m]! += c.headToDependent[m]!;
        }
      }
    }
    wins[argmax(layerCurveOf(totals, layers, heads, excluded))]!++;
  }
  const share = wins.map((w) => w / resamples);
  const contenders = share
    .map((s, layer) => ({ s, layer }))
    .filter(({ s }) => s >= threshold)
    .sort((a, b) => b.s - a.s || a.layer - b.layer)
    .map(({ layer }) => layer);
  return { resamples, share, contenders, threshold, clear: contenders.length === 1 };
}
