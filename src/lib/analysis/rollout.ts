/**
 * Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers", sec. 3).
 * Each layer's head-averaged attention A is mixed with the identity for the residual connection,
 * Â = 0.5·A + 0.5·I (rows renormalised), and the layers are chained from the bottom:
 * rollout_0 = Â_0, rollout_l = Â_l · rollout_{l-1}. Row i of the result says how much of token i's
 * representation at that layer traces back to each input token.
 */

import { headMatrix, type AttentionDims } from './attentionTensor';

export interface RolloutOptions {
  /** Last layer to include (0-based, inclusive); defaults to the top layer. */
  upToLayer?: number;
  /**
   * Heads to average in each layer (0-based). A missing entry means all heads of that layer; an
   * empty list means none, so that layer passes only its residual connection (Â = I).
   */
  headsPerLayer?: (readonly number[] | undefined)[];
}

/** Â for one layer: mean of the chosen heads, plus the identity, rows renormalised; float64. */
function residualAttention(
  attention: Float32Array,
  dims: AttentionDims,
  layer: number,
  chosen: readonly number[] | undefined,
): Float64Array {
  const [, heads, seq] = dims;
  const list = [...new Set(chosen ?? Array.from({ length: heads }, (_, h) => h))];
  const mixed = new Float64Array(seq * seq);
  for (const head of list) {
    const matrix = headMatrix(attention, dims, layer, head);
    for (let k = 0; k < mixed.length; k++) mixed[k] = mixed[k]! + matrix[k]!;
  }
  for (let k = 0; k < mixed.length; k++) mixed[k] = list.length > 0 ? (0.5 * mixed[k]!) / list.length : 0;
  for (let i = 0; i < seq; i++) {
    mixed[i * seq + i] = mixed[i * seq + i]! + 0.5;
    // Rows of a softmax already sum to 1; renormalising absorbs float32 error (and an empty head set).
    let sum = 0;
    for (let j = 0; j < seq; j++) sum += mixed[i * seq + j]!;
    for (let j = 0; j < seq; j++) mixed[i * seq + j] = mixed[i * seq + j]! / sum;
  }
  return mixed;
}

/** left · right for [seq, seq] matrices, in float64. */
function multiply(left: Float64Array, right: Float64Array, seq: number): Float64Array {
  // Dot products against the transpose read both operands along rows. O(S³): ~0.3 s per layer at S = 512.
  const rightT = new Float64Array(seq * seq);
  for (let k = 0; k < seq; k++) for (let j = 0; j < seq; j++) rightT[j * seq + k] = right[k * seq + j]!;
  const out = new Float64Array(seq * seq);
  for (let i = 0; i < seq; i++) {
    const row = i * seq;
    for (let j = 0; j < seq; j++) {
      const column = j * seq;
      let sum = 0;
      for (let k = 0; k < seq; k++) sum += left[row + k]! * rightT[column + k]!;
      out[row + j] = sum;
    }
  }
  return out;
}

function checkOptions(dims: AttentionDims, options: RolloutOptions): number {
  const layers = dims[0];
  const top = options.upToLayer ?? layers - 1;
  if (!Number.isInteger(top) || top < 0 || top >= layers) {
    throw new RangeError(`Cannot roll out to layer ${top + 1}: the model has ${layers} layers.`);
  }
  if (options.headsPerLayer && options.headsPerLayer.length > layers) {
    throw new RangeError(
      `Heads were given for ${options.headsPerLayer.length} layers, but the model has ${layers} layers.`,
    );
  }
  return top;
}

/** Calls `visit` with the rollout after each layer 0..top (float64, [S, S]). */
function rollLayers(
  attention: Float32Array,
  dims: AttentionDims,
  top: number,
  headsPerLayer: RolloutOptions['headsPerLayer'],
  visit: (layer: number, rolled: Float64Array) => void,
): void {
  const seq = dims[2];
  let rolled: Float64Array | undefined;
  for (let l = 0; l <= top; l++) {
    const mixed = residualAttention(attention, dims, l, headsPerLayer?.[l]);
    rolled = rolled ? multiply(mixed, rolled, seq) : mixed;
    visit(l, rolled);
  }
}

/** Rollout up to `upToLayer` (default: the top layer) as [S, S]; rows sum to 1. */
export function rollout(attention: Float32Array, dims: AttentionDims, options: RolloutOptions = {}): Float32Array {
  const top = checkOptions(dims, options);
  const out = new Float32Array(dims[2] * dims[2]);
  rollLayers(attention, dims, top, options.headsPerLayer, (layer, rolled) => {
    if (layer === top) out.set(rolled);
  });
  return out;
}

/** Rollout after every layer as [L, S, S]: slice l equals rollout(…, { upToLayer: l }). */
export function rolloutAllLayers(
  attention: Float32Array,
  dims: AttentionDims,
  options: Pick<RolloutOptions, 'headsPerLayer'> = {},
): Float32Array {
  const [layers, , seq] = dims;
  checkOptions(dims, options);
  const out = new Float32Array(layers * seq * seq);
  rollLayers(attention, dims, layers - 1, options.headsPerLayer, (layer, rolled) => {
    out.set(rolled, layer * seq * seq);
  });
  return out;
}
