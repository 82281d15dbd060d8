/**
 * Several inputs as one padded batch, and each input's tensors cut back out of the batch's outputs.
 * Padding is masked (attention_mask 0), so a padded key gets a weight of exactly 0 after the Softmax
 * (the mask adds -10000 or less before it) and an input's rows and columns equal those of its own
 * run, up to the rounding of the larger matrix products.
 */

export interface PaddedBatch {
  batch: number;
  seq: number;
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  tokenTypeIds: BigInt64Array;
  positionIds: BigInt64Array;
}

export function padBatch(inputs: { inputIds: number[]; tokenTypeIds: number[] }[], padId = 0): PaddedBatch {
  const batch = inputs.length;
  const seq = Math.max(...inputs.map((e) => e.inputIds.length));
  const inputIds = new BigInt64Array(batch * seq).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(batch * seq);
  const tokenTypeIds = new BigInt64Array(batch * seq);
  const positionIds = new BigInt64Array(batch * seq);
  inputs.forEach(({ inputIds: ids, tokenTypeIds: types }, b) => {
    for (let i = 0; i < seq; i++) positionIds[b * seq + i] = BigInt(i);
    ids.forEach((id, i) => {
      inputIds[b * seq + i] = BigInt(id);
      attentionMask[b * seq + i] = 1n;
      tokenTypeIds[b * seq + i] = BigInt(types[i] ?? 0);
    });
  });
  return { batch, seq, inputIds, attentionMask, tokenTypeIds, positionIds };
}

/**
 * Copies input `b`'s [heads, n, n] block out of one layer's [batch, heads, seq, seq] attention into
 * `out` at `offset`.
 */
export function unpadAttention(
  data: ArrayLike<number>,
  heads: number,
  seq: number,
  b: number,
  n: number,
  out: Float32Array,
  offset: number,
): void {
  for (let h = 0; h < heads; h++) {
    const block = (b * heads + h) * seq * seq;
    for (let i = 0; i < n; i++) {
      const row = block + i * seq;
      const to = offset + (h * n + i) * n;
      if (data instanceof Float32Array) out.set(data.subarray(row, row + n), to);
      else for (let j = 0; j < n; j++) out[to + j] = data[row + j]!;
    }
  }
}

/** Copies input `b`'s first `n` rows of width `width` out of a [batch, seq, width] tensor. */
export function unpadRows(
  data: ArrayLike<number>,
  seq: number,
  width: number,
  b: number,
  n: number,
  out: Float32Array,
  offset: number,
): void {
  const start = b * seq * width;
  if (data instanceof Float32Array) out.set(data.subarray(start, start + n * width), offset);
  else for (let k = 0; k < n * width; k++) out[offset + k] = data[start + k]!;
}
