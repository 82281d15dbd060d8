/**
 * A synthetic bert-base-shaped result (12 layers × 12 heads) for benchmarking the views without a
 * model (`?bench=N`): deterministic, row-stochastic, and peaked like real heads (previous token,
 * next token, [CLS]/[SEP], or broad), so the head view has realistic numbers of lines to draw.
 */

import { BERT_UNCASED_FAMILY } from '../core/family';
import type { ModelInfo, RunResult, TokenInfo } from '../core/types';

export const BENCH_LABEL = 'Synthetic bert-base-shaped attention (benchmark)';

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

export function syntheticInfo(layers = 12, heads = 12): ModelInfo {
  return {
    label: BENCH_LABEL,
    modelType: 'bert',
    layers,
    heads,
    hidden: 768,
    vocabSize: 30522,
    maxTokens: 512,
    hasMlmHead: false,
    hasHiddenStates: false,
    backend: 'wasm',
    dtype: 'fp32',
    modelFile: 'none',
    family: BERT_UNCASED_FAMILY,
    notices: [],
  };
}

export function syntheticTokens(seq: number): TokenInfo[] {
  return Array.from({ length: seq }, (_, i) => {
    const special = i === 0 || i === seq - 1;
    const text = i === 0 ? '[CLS]' : i === seq - 1 ? '[SEP]' : i % 5 === 3 ? `##p${i}` : `word${i}`;
    const id =
      i === 0 ? BERT_UNCASED_FAMILY.tokens.cls!.id : i === seq - 1 ? BERT_UNCASED_FAMILY.tokens.sep!.id : 1000 + i;
    return { text, id, word: special ? -1 : i - Math.floor((i + 1) / 5), segment: 0, special };
  });
}

export function syntheticResult(seq: number, layers = 12, heads = 12, seed = 1): RunResult {
  const next = random(seed);
  const attention = new Float32Array(layers * heads * seq * seq);
  const logits = new Float64Array(seq);
  for (let l = 0; l < layers; l++) {
    for (let h = 0; h < heads; h++) {
      const kind = (l + h) % 4;
      for (let i = 0; i < seq; i++) {
        let max = -Infinity;
        for (let j = 0; j < seq; j++) {
          let v = (next() + next() + next() - 1.5) * 5;
          if (kind === 0 && j === i - 1) v += 6;
          if (kind === 1 && j === i + 1) v += 6;
          if (kind === 2 && (j === 0 || j === seq - 1)) v += 5;
          logits[j] = v;
          if (v > max) max = v;
        }
        let sum = 0;
        for (let j = 0; j < seq; j++) {
          logits[j] = Math.exp(logits[j]! - max);
          sum += logits[j]!;
        }
        const row = ((l * heads + h) * seq + i) * seq;
        for (let j = 0; j < seq; j++) attention[row + j] = logits[j]! / sum;
      }
    }
  }
  return {
    requestId: 0,
    tokens: syntheticTokens(seq),
    attention,
    attentionDims: [layers, heads, seq, seq],
    predictions: [],
    backend: 'wasm',
    timings: { tokenizeMs: 0, inferenceMs: 0, extractMs: 0 },
    truncatedTokens: 0,
    ablated: [],
    notices: ['Synthetic attention for benchmarking: no model ran.'],
  };
}
