/**
 * How alike the heads of a layer are, on one input: the Jensen-Shannon divergence between two heads'
 * attention distributions, averaged over the tokens, as Clark et al. 2019 (sec. 6) compare heads
 * before clustering them (their Figure 6 finds heads of the same layer close together).
 */

import type { AttentionDims } from './attentionTensor';

export interface LayerSimilarity {
  /** Mean divergence between two heads of the same layer (NaN with one head per layer). */
  within: number;
  /** Mean divergence between two heads of different layers (NaN with one layer). */
  between: number;
  /** Per layer, the mean divergence among its own heads. */
  perLayer: number[];
}

/** Jensen-Shannon divergence in bits (0 for equal distributions, at most 1) between rows p and q. */
export function jsDivergence(
  p: ArrayLike<number>,
  pStart: number,
  q: ArrayLike<number>,
  qStart: number,
  n: number,
): number {
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const a = p[pStart + j]!;
    const b = q[qStart + j]!;
    const m = (a + b) / 2;
    if (a > 0) sum += a * Math.log2(a / m);
    if (b > 0) sum += b * Math.log2(b / m);
  }
  return Math.max(0, sum / 2);
}

/** Mean over tokens of the divergence between heads m1 and m2 (indices layer*H + head). */
function headDistance(attention: Float32Array, seq: number, m1: number, m2: number): number {
  let sum = 0;
  for (let i = 0; i < seq; i++) {
    sum += jsDivergence(attention, (m1 * seq + i) * seq, attention, (m2 * seq + i) * seq, seq);
  }
  return sum / seq;
}

export function layerSimilarity(attention: Float32Array, dims: AttentionDims): LayerSimilarity {
  const [layers, heads, seq] = dims;
  const size = layers * heads;
  let within = 0;
  let withinPairs = 0;
  let between = 0;
  let betweenPairs = 0;
  const layerSum = new Float64Array(layers);
  for (let a = 0; a < size; a++) {
    for (let b = a + 1; b < size; b++) {
      const d = headDistance(attention, seq, a, b);
      const la = Math.floor(a / heads);
      if (la === Math.floor(b / heads)) {
        within += d;
        withinPairs++;
        layerSum[la] = layerSum[la]! + d;
      } else {
        between += d;
        betweenPairs++;
      }
    }
  }
  const pairsPerLayer = (heads * (heads - 1)) / 2;
  return {
    within: withinPairs ? within / withinPairs : NaN,
    between: betweenPairs ? between / betweenPairs : NaN,
    perLayer: Array.from(layerSum, (s) => (pairsPerLayer ? s / pairsPerLayer : NaN)),
  };
}
