/** Small hand-made runs for the render tests: tokens and a deterministic row-stochastic attention tensor. */

import { BERT_UNCASED_FAMILY } from '../../core/family';
import type { TokenInfo } from '../../core/types';
import type { FigureRun } from '../viewOptions';

/** [CLS] the cab ##inet sat [SEP] (+ it [SEP] as segment B with `pair`). */
export function tinyTokens(pair = false): TokenInfo[] {
  const a: TokenInfo[] = [
    { text: '[CLS]', id: 101, word: -1, segment: 0, special: true },
    { text: 'the', id: 1, word: 0, segment: 0, special: false },
    { text: 'cab', id: 2, word: 1, segment: 0, special: false },
    { text: '##inet', id: 3, word: 1, segment: 0, special: false },
    { text: 'sat', id: 4, word: 2, segment: 0, special: false },
    { text: '[SEP]', id: 102, word: -1, segment: 0, special: true },
  ];
  if (!pair) return a;
  return [
    ...a,
    { text: 'it', id: 5, word: 3, segment: 1, special: false },
    { text: '[SEP]', id: 102, word: -1, segment: 1, special: true },
  ];
}

/** Row (l, h, i) puts weight proportional to 1 + ((l + 2h + 3i + 5j) mod 7) on column j. */
export function tinyAttention(layers: number, heads: number, seq: number): Float32Array {
  const out = new Float32Array(layers * heads * seq * seq);
  for (let l = 0; l < layers; l++) {
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < seq; i++) {
        const row = ((l * heads + h) * seq + i) * seq;
        let sum = 0;
        for (let j = 0; j < seq; j++) sum += 1 + ((l + 2 * h + 3 * i + 5 * j) % 7);
        for (let j = 0; j < seq; j++) out[row + j] = (1 + ((l + 2 * h + 3 * i + 5 * j) % 7)) / sum;
      }
    }
  }
  return out;
}

export function tinyRun(options: { layers?: number; heads?: number; pair?: boolean; text?: string } = {}): FigureRun {
  const { layers = 3, heads = 2, pair = false } = options;
  const tokens = tinyTokens(pair);
  return {
    model: 'tiny test model',
    text: options.text ?? 'The cabinet sat',
    pair: pair ? 'It' : '',
    tokens,
    family: BERT_UNCASED_FAMILY,
    attention: tinyAttention(layers, heads, tokens.length),
    dims: [layers, heads, tokens.length, tokens.length],
  };
}
