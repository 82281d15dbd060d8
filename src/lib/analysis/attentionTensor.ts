/** Views into the flat attention tensor [layers, heads, seq, seq]. */

export type AttentionDims = readonly [number, number, number, number];

/** One head's [seq, seq] matrix, as a view (no copy). Row i is the attention from token i. */
export function headMatrix(attention: Float32Array, dims: AttentionDims, layer: number, head: number): Float32Array {
  const [layers, heads, seq] = dims;
  if (layer < 0 || layer >= layers || head < 0 || head >= heads) {
    throw new RangeError(`head ${layer + 1}-${head + 1} is outside a model with ${layers} layers of ${heads} heads`);
  }
  const size = seq * seq;
  const start = (layer * heads + head) * size;
  return attention.subarray(start, start + size);
}

/** Largest value in a matrix (0 for an empty one). */
export function maxValue(values: Float32Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** Sum of each row; every row of a softmax output sums to 1. */
export function rowSums(matrix: Float32Array, seq: number): Float64Array {
  const sums = new Float64Array(seq);
  for (let i = 0; i < seq; i++) {
    let s = 0;
    for (let j = 0; j < seq; j++) s += matrix[i * seq + j]!;
    sums[i] = s;
  }
  return sums;
}
