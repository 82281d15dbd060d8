/**
 * Means of attention over sets of heads. A mean of row-stochastic matrices is row-stochastic, so
 * the result reads like a single head (as in the per-layer averages of Clark et al. 2019 and the
 * head-averaged input to attention rollout, Abnar & Zuidema 2020).
 */

import { headMatrix, type AttentionDims } from './attentionTensor';

export interface HeadRef {
  layer: number;
  head: number;
}

/** Mean of the listed heads as [S, S]; float64 accumulation; repeated heads count once. */
export function meanOverSelection(
  attention: Float32Array,
  dims: AttentionDims,
  selection: readonly HeadRef[],
): Float32Array {
  const seq = dims[2];
  const unique = new Map<string, HeadRef>();
  for (const ref of selection) unique.set(`${ref.layer}-${ref.head}`, ref);
  if (unique.size === 0) throw new Error('Select at least one head to average.');
  const sum = new Float64Array(seq * seq);
  for (const { layer, head } of unique.values()) {
    const matrix = headMatrix(attention, dims, layer, head);
    for (let k = 0; k < sum.length; k++) sum[k] = sum[k]! + matrix[k]!;
  }
  const out = new Float32Array(seq * seq);
  for (let k = 0; k < out.length; k++) out[k] = sum[k]! / unique.size;
  return out;
}

/** Mean of the listed heads of one layer as [S, S]. */
export function meanOfHeads(
  attention: Float32Array,
  dims: AttentionDims,
  layer: number,
  heads: readonly number[],
): Float32Array {
  return meanOverSelection(
    attention,
    dims,
    heads.map((head) => ({ layer, head })),
  );
}

/** Mean of all heads of one layer as [S, S]. */
export function meanPerLayer(attention: Float32Array, dims: AttentionDims, layer: number): Float32Array {
  return meanOfHeads(
    attention,
    dims,
    layer,
    Array.from({ length: dims[1] }, (_, h) => h),
  );
}
