/** Masked-LM predictions: softmax over the vocabulary at one position, then the k most probable tokens. */

export interface TopK {
  ids: number[];
  probs: number[];
}

/** logits is [seq, vocab] row-major; returns the k most probable ids at `position` with their probabilities. */
export function topKPredictions(logits: Float32Array, vocab: number, position: number, k: number): TopK {
  const start = position * vocab;
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) max = Math.max(max, logits[start + v]!);
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp(logits[start + v]! - max);
  // Keep a small sorted list rather than sorting the whole vocabulary (30k entries per [MASK]).
  const ids: number[] = [];
  const scores: number[] = [];
  for (let v = 0; v < vocab; v++) {
    const score = logits[start + v]!;
    if (ids.length === k && score <= scores[k - 1]!) continue;
    let i = Math.min(ids.length, k - 1);
    while (i > 0 && scores[i - 1]! < score) i--;
    ids.splice(i, 0, v);
    scores.splice(i, 0, score);
    if (ids.length > k) {
      ids.pop();
      scores.pop();
    }
  }
  return { ids, probs: scores.map((s) => Math.exp(s - max) / sum) };
}

export interface TokenScore {
  prob: number;
  /** 1 for the most probable token of the vocabulary. */
  rank: number;
}

/** Probability of one token at `position`, and its rank among the whole vocabulary. */
export function tokenScore(logits: Float32Array, vocab: number, position: number, id: number): TokenScore {
  const start = position * vocab;
  const target = logits[start + id]!;
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) max = Math.max(max, logits[start + v]!);
  let sum = 0;
  let above = 0;
  for (let v = 0; v < vocab; v++) {
    const l = logits[start + v]!;
    sum += Math.exp(l - max);
    if (l > target) above++;
  }
  return { prob: Math.exp(target - max) / sum, rank: above + 1 };
}
