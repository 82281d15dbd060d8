/**
 * Independent BERT forward pass in plain TypeScript (float64 loops, batch 1).
 *
 * Written from the BERT definition (Hugging Face BertForMaskedLM semantics),
 * not from the ONNX graph, and shares no code with the fixture generator —
 * only its weight/config types — so agreement with onnxruntime is evidence
 * that both are right.
 */
import type { BertShapeConfig, BertWeights } from '../../../scripts/fixture/bertTypes';

export interface BertForwardInputs {
  inputIds: ArrayLike<number | bigint>;
  /** Ignored by models without token types (DistilBERT) or with one fixed type (RoBERTa, XLM-R). */
  tokenTypeIds: ArrayLike<number | bigint>;
  /**
   * Emulate ORT dynamic quantisation: each weight MatMul's input is rounded to uint8 with its
   * own per-tensor scale and zero point (DynamicQuantizeLinear) before the product.
   */
  quantizeActivations?: boolean;
  /** 1 = attend, 0 = padding; default all ones. */
  attentionMask?: ArrayLike<number | bigint>;
  /** [L * H] multipliers applied to each head's attention probabilities after softmax. */
  headMask?: Float32Array;
}

export interface BertForwardResult {
  /** [L, H, S, S] attention probabilities (after the head mask, if any). */
  attention: Float32Array;
  /** [L + 1, S, D]: embeddings LayerNorm output, then each layer's output LayerNorm. */
  hidden: Float32Array;
  /** [S, V], present when the weights include the MLM head. */
  logits?: Float32Array;
}

/** HF's additive mask value for padding: torch.finfo(float32).min. */
const MASKED_SCORE = -3.4028234663852886e38;

export function bertForward(weights: BertWeights, cfg: BertShapeConfig, inputs: BertForwardInputs): BertForwardResult {
  const S = inputs.inputIds.length;
  const D = cfg.hidden_size;
  const E = cfg.embedding_size ?? D;
  const family = cfg.model_type ?? 'bert';
  // RoBERTa and XLM-R count positions from padding_idx + 1 over non-pad tokens and have one token type.
  const paddingOffset = family === 'roberta' || family === 'xlm-roberta';
  const activation = cfg.hidden_act === 'gelu_new' ? geluTanh : gelu;
  const linear = (x: Float64Array, rows: number, inSize: number, outSize: number, w: Float32Array, b: Float32Array) =>
    dense(inputs.quantizeActivations ? fakeQuantizeUint8(x) : x, rows, inSize, outSize, w, b);
  const H = cfg.num_attention_heads;
  const L = cfg.num_hidden_layers;
  const F = cfg.intermediate_size;
  const V = cfg.vocab_size;
  const dh = D / H;
  const eps = cfg.layer_norm_eps;
  if (inputs.tokenTypeIds.length !== S && weights.typeEmb.length > 0 && !paddingOffset)
    throw new Error('tokenTypeIds length differs from inputIds');
  if (S > cfg.max_position_embeddings)
    throw new Error(`sequence of ${S} exceeds ${cfg.max_position_embeddings} positions`);
  if (weights.layers.length !== L) throw new Error(`config says ${L} layers, weights have ${weights.layers.length}`);

  const attention = new Float32Array(L * H * S * S);
  const hiddenStates = new Float32Array((L + 1) * S * D);

  // Embeddings: word + position (+ token type), then LayerNorm, then (ALBERT, ELECTRA) E → D.
  const hasTypes = weights.typeEmb.length > 0;
  const pad = cfg.pad_token_id ?? 1;
  let nonPad = 0;
  let h: Float64Array = new Float64Array(S * E);
  for (let s = 0; s < S; s++) {
    const word = Number(at(inputs.inputIds, s));
    const type = paddingOffset || !hasTypes ? 0 : Number(at(inputs.tokenTypeIds, s));
    if (word < 0 || word >= V) throw new Error(`token id ${word} outside vocabulary of ${V}`);
    let position = s;
    if (paddingOffset) {
      if (word !== pad) nonPad++;
      position = word === pad ? pad : pad + nonPad;
    }
    if (position >= cfg.max_position_embeddings) throw new Error(`position ${position} outside the table`);
    for (let d = 0; d < E; d++) {
      h[s * E + d] =
        at(weights.wordEmb, word * E + d) +
        at(weights.posEmb, position * E + d) +
        (hasTypes ? at(weights.typeEmb, type * E + d) : 0);
    }
  }
  h = layerNorm(h, S, E, weights.embLnGamma, weights.embLnBeta, eps);
  if (weights.embProj !== undefined) h = linear(h, S, E, D, weights.embProj.w, weights.embProj.b);
  hiddenStates.set(h, 0);

  const additiveMask = new Float64Array(S);
  for (let t = 0; t < S; t++) {
    const m = inputs.attentionMask === undefined ? 1 : Number(at(inputs.attentionMask, t));
    additiveMask[t] = (1 - m) * MASKED_SCORE;
  }

  for (let l = 0; l < L; l++) {
    const w = weights.layers[l];
    if (w === undefined) throw new Error(`missing layer ${l}`);
    const q = linear(h, S, D, D, w.wq, w.bq);
    const k = linear(h, S, D, D, w.wk, w.bk);
    const v = linear(h, S, D, D, w.wv, w.bv);
    const context = new Float64Array(S * D);
    // SDPA exports scale q and k each by dh^-1/4; eager ones divide the product by √dh.
    const split = cfg.attn_implementation === 'sdpa';
    const scale = split ? 1 : 1 / Math.sqrt(dh);
    if (split) {
      const quarter = 1 / Math.sqrt(Math.sqrt(dh));
      for (let i = 0; i < q.length; i++) {
        q[i] = at(q, i) * quarter;
        k[i] = at(k, i) * quarter;
      }
    }
    const scores = new Float64Array(S);

    for (let head = 0; head < H; head++) {
      const headWeight = inputs.headMask === undefined ? 1 : at(inputs.headMask, l * H + head);
      const off = head * dh;
      for (let i = 0; i < S; i++) {
        let max = -Infinity;
        for (let j = 0; j < S; j++) {
          let dot = 0;
          for (let e = 0; e < dh; e++) dot += at(q, i * D + off + e) * at(k, j * D + off + e);
          const score = dot * scale + at(additiveMask, j);
          scores[j] = score;
          if (score > max) max = score;
        }
        let total = 0;
        for (let j = 0; j < S; j++) {
          const e = Math.exp(at(scores, j) - max);
          scores[j] = e;
          total += e;
        }
        const rowBase = ((l * H + head) * S + i) * S;
        for (let j = 0; j < S; j++) {
          const p = (at(scores, j) / total) * headWeight;
          attention[rowBase + j] = p;
          if (p === 0) continue;
          for (let e = 0; e < dh; e++)
            context[i * D + off + e] = at(context, i * D + off + e) + p * at(v, j * D + off + e);
        }
      }
    }

    const attnOut = linear(context, S, D, D, w.wo, w.bo);
    addInPlace(attnOut, h);
    const attended = layerNorm(attnOut, S, D, w.ln1Gamma, w.ln1Beta, eps);

    const inner = linear(attended, S, D, F, w.w1, w.b1);
    for (let i = 0; i < inner.length; i++) inner[i] = activation(at(inner, i));
    const ffOut = linear(inner, S, F, D, w.w2, w.b2);
    addInPlace(ffOut, attended);
    h = layerNorm(ffOut, S, D, w.ln2Gamma, w.ln2Beta, eps);
    hiddenStates.set(h, (l + 1) * S * D);
  }

  const result: BertForwardResult = { attention, hidden: hiddenStates };
  if (weights.mlm !== undefined) {
    const mlm = weights.mlm;
    const transformed = linear(h, S, D, E, mlm.denseW, mlm.denseB);
    for (let i = 0; i < transformed.length; i++) transformed[i] = activation(at(transformed, i));
    let normed = layerNorm(transformed, S, E, mlm.lnGamma, mlm.lnBeta, eps);
    if (inputs.quantizeActivations) normed = fakeQuantizeUint8(normed);
    // Decoder tied to the word embeddings: logits[s, t] = normed[s] · wordEmb[t] + bias[t].
    const logits = new Float32Array(S * V);
    for (let s = 0; s < S; s++) {
      for (let t = 0; t < V; t++) {
        let dot = at(mlm.decoderBias, t);
        for (let d = 0; d < E; d++) dot += at(normed, s * E + d) * at(weights.wordEmb, t * E + d);
        logits[s * V + t] = dot;
      }
    }
    result.logits = logits;
  }
  return result;
}

/** Indexed read that satisfies noUncheckedIndexedAccess; callers stay in bounds. */
function at<T extends number | bigint>(array: ArrayLike<T>, index: number): T {
  return array[index] as T;
}

/** x [rows, inSize] · W [inSize, outSize] + b. */
function dense(
  x: Float64Array,
  rows: number,
  inSize: number,
  outSize: number,
  weight: Float32Array,
  bias: Float32Array,
): Float64Array {
  const out = new Float64Array(rows * outSize);
  for (let r = 0; r < rows; r++) {
    const outBase = r * outSize;
    for (let o = 0; o < outSize; o++) out[outBase + o] = at(bias, o);
    for (let i = 0; i < inSize; i++) {
      const xi = at(x, r * inSize + i);
      const wBase = i * outSize;
      for (let o = 0; o < outSize; o++) out[outBase + o] = at(out, outBase + o) + xi * at(weight, wBase + o);
    }
  }
  return out;
}

function addInPlace(target: Float64Array, addend: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] = at(target, i) + at(addend, i);
}

/** Per-row LayerNorm over the last axis with biased variance (as torch). */
function layerNorm(
  x: Float64Array,
  rows: number,
  width: number,
  gamma: Float32Array,
  beta: Float32Array,
  eps: number,
): Float64Array {
  const out = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    let mean = 0;
    for (let i = 0; i < width; i++) mean += at(x, base + i);
    mean /= width;
    let variance = 0;
    for (let i = 0; i < width; i++) variance += (at(x, base + i) - mean) ** 2;
    variance /= width;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let i = 0; i < width; i++) out[base + i] = (at(x, base + i) - mean) * inv * at(gamma, i) + at(beta, i);
  }
  return out;
}

/**
 * ONNX DynamicQuantizeLinear and back: range [min(0, x), max(0, x)] onto uint8, scale and zero
 * point in float32 as the runtime keeps them, round half to even.
 */
export function fakeQuantizeUint8(x: Float64Array): Float64Array {
  let lo = 0;
  let hi = 0;
  for (const v of x) {
    const f = Math.fround(v);
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  const scale = Math.fround((hi - lo) / 255);
  if (scale === 0) return x.map(() => 0);
  const zeroPoint = Math.min(255, Math.max(0, roundHalfEven(Math.fround(-lo / scale))));
  return x.map((v) => {
    const q = Math.min(255, Math.max(0, roundHalfEven(Math.fround(Math.fround(v) / scale)) + zeroPoint));
    return (q - zeroPoint) * scale;
  });
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** gelu_new (ALBERT): the tanh approximation 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))). */
function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** Exact GELU: x · Φ(x) = 0.5 x (1 + erf(x / √2)). */
function gelu(x: number): number {
  return 0.5 * x * (1 + erf(x / Math.SQRT2));
}

/**
 * erf via the everywhere-convergent series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)).
 * All terms are positive (no cancellation), so it is accurate to ~1e-15 for |x| < 6;
 * beyond that erf is ±1 in float64.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 200; n++) {
    term *= (2 * ax * ax) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const value = (2 / Math.sqrt(Math.PI)) * Math.exp(-ax * ax) * sum;
  return x < 0 ? -value : value;
}
