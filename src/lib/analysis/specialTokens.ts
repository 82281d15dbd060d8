/**
 * Hiding [CLS]/[SEP]. Many heads park most of their attention on these tokens (Clark et al. 2019,
 * sec. 3: over half of the attention in some layers goes to [SEP], acting as a "no-op"), which
 * washes out the rest of a heatmap. Dropping them and renormalising each row shows where the
 * remaining attention goes; the mass that was removed is reported so the view stays honest.
 */

/** The matrix restricted to the kept rows and columns, rows renormalised to sum to 1. */
export interface HiddenSpecialTokens {
  /** [K, K] for K = keep.length; row r and column c are token keep[r] and keep[c]. */
  matrix: Float32Array;
  size: number;
  /** For each kept row, the fraction of its attention that went to dropped columns (0 to 1). */
  removed: Float32Array;
  /** Mean of `removed` over the kept rows (0 when nothing is kept). */
  meanRemoved: number;
  /** Rows (positions in `keep`) that had no attention left to renormalise; they are all zeros. */
  emptyRows: number[];
}

/** Indices of the units to show: all of them, or all but the special ones. Works for tokens and word units. */
export function visibleIndices(units: readonly { special: boolean }[], hideSpecial: boolean): number[] {
  const out: number[] = [];
  units.forEach((unit, i) => {
    if (!hideSpecial || !unit.special) out.push(i);
  });
  return out;
}

/**
 * Keeps the rows and columns listed in `keep` (in that order) of a [seq, seq] matrix and
 * renormalises each kept row over the kept columns. Works on any row-stochastic matrix: one head,
 * a mean of heads, a rollout, or a word-level matrix.
 */
export function hideSpecialTokens(matrix: Float32Array, seq: number, keep: readonly number[]): HiddenSpecialTokens {
  if (matrix.length !== seq * seq) {
    throw new RangeError(`Expected a ${seq}×${seq} matrix (${seq * seq} values), got ${matrix.length} values.`);
  }
  const seen = new Set<number>();
  for (const k of keep) {
    if (!Number.isInteger(k) || k < 0 || k >= seq) {
      throw new RangeError(`Cannot keep token ${k}: the sequence has ${seq} tokens.`);
    }
    if (seen.has(k)) throw new Error(`Token ${k} is listed twice in the tokens to keep.`);
    seen.add(k);
  }
  const size = keep.length;
  const out = new Float32Array(size * size);
  const removed = new Float32Array(size);
  const emptyRows: number[] = [];
  let removedTotal = 0;
  for (let r = 0; r < size; r++) {
    const row = keep[r]! * seq;
    let total = 0;
    for (let j = 0; j < seq; j++) total += matrix[row + j]!;
    let kept = 0;
    for (let c = 0; c < size; c++) kept += matrix[row + keep[c]!]!;
    // Clamped: the two sums add the same values in different orders.
    const fraction = total > 0 ? Math.min(1, Math.max(0, (total - kept) / total)) : 0;
    removed[r] = fraction;
    removedTotal += fraction;
    if (kept > 0) {
      for (let c = 0; c < size; c++) out[r * size + c] = matrix[row + keep[c]!]! / kept;
    } else {
      emptyRows.push(r);
    }
  }
  return { matrix: out, size, removed, meanRemoved: size > 0 ? removedTotal / size : 0, emptyRows };
}
