/**
 * Word-level attention, after Clark et al. 2019, "What Does BERT Look At?" (sec. 2): attention TO a
 * split word is the sum over its pieces (columns), attention FROM a split word is the mean over its
 * pieces (rows). Both keep each row a probability distribution.
 */

import { wordText, type ModelFamily } from '../core/family';
import type { TokenInfo } from '../core/types';
import { headMatrix, type AttentionDims } from './attentionTensor';

/** One word (or one special token) of the input, made of one or more word pieces. */
export interface WordUnit {
  /**
   * The word's clean text, as the model family writes it: WordPiece "bert" + "##ology" →
   * "bertology"; byte-level BPE "Ġcaf" + "Ã©" → "café"; SentencePiece "▁play" + "ing" → "playing".
   */
  text: string;
  /** Token indices of the pieces, ascending. */
  pieces: number[];
  special: boolean;
  segment: number;
}

/**
 * Groups tokens into words by their `word` index (which the engine numbered by the family's
 * word-boundary rule), in order of first piece. Each special token ([CLS], [SEP], <s>, </s>, pads)
 * and any token without a word is a unit of its own. The text is written by the family's rule.
 */
export function wordUnits(tokens: readonly TokenInfo[], family: ModelFamily): WordUnit[] {
  const units: WordUnit[] = [];
  const byWord = new Map<number, { unit: WordUnit; pieces: string[] }>();
  tokens.forEach((token, i) => {
    if (token.special || token.word < 0) {
      units.push({ text: token.text, pieces: [i], special: token.special, segment: token.segment });
      return;
    }
    const entry = byWord.get(token.word);
    if (entry) {
      entry.unit.pieces.push(i);
      entry.pieces.push(token.text);
      return;
    }
    const fresh: WordUnit = { text: '', pieces: [i], special: false, segment: token.segment };
    byWord.set(token.word, { unit: fresh, pieces: [token.text] });
    units.push(fresh);
  });
  for (const { unit, pieces } of byWord.values()) unit.text = wordText(family, pieces);
  return units;
}

function checkUnits(units: readonly WordUnit[], seq: number): void {
  for (const unit of units) {
    if (unit.pieces.length === 0) throw new Error(`Word "${unit.text}" has no pieces.`);
    for (const p of unit.pieces) {
      if (!Number.isInteger(p) || p < 0 || p >= seq) {
        throw new RangeError(`Word "${unit.text}" refers to token ${p}, outside a sequence of ${seq} tokens.`);
      }
    }
  }
}

/** Merges into `out` (length W*W) without checks; sums in float64 before rounding to float32. */
function mergeInto(matrix: Float32Array, seq: number, units: readonly WordUnit[], out: Float32Array): void {
  const words = units.length;
  for (let a = 0; a < words; a++) {
    const from = units[a]!.pieces;
    for (let b = 0; b < words; b++) {
      const to = units[b]!.pieces;
      let sum = 0;
      for (const i of from) for (const j of to) sum += matrix[i * seq + j]!;
      out[a * words + b] = sum / from.length;
    }
  }
}

/**
 * One [seq, seq] attention matrix merged to [W, W] for W = units.length: columns summed, rows
 * averaged, so rows still sum to 1 when every token is in exactly one unit.
 */
export function mergeToWords(matrix: Float32Array, seq: number, units: readonly WordUnit[]): Float32Array {
  if (matrix.length !== seq * seq) {
    throw new RangeError(`Expected a ${seq}×${seq} matrix (${seq * seq} values), got ${matrix.length} values.`);
  }
  checkUnits(units, seq);
  const out = new Float32Array(units.length * units.length);
  mergeInto(matrix, seq, units, out);
  return out;
}

/** Every head of the [L, H, S, S] tensor merged to words: [L, H, W, W]. */
export function mergeAllToWords(
  attention: Float32Array,
  dims: AttentionDims,
  units: readonly WordUnit[],
): Float32Array {
  const [layers, heads, seq] = dims;
  const expected = layers * heads * seq * seq;
  if (attention.length !== expected) {
    throw new RangeError(`Attention has ${attention.length} values; dims [${dims.join(', ')}] need ${expected}.`);
  }
  checkUnits(units, seq);
  const size = units.length * units.length;
  const out = new Float32Array(layers * heads * size);
  for (let l = 0; l < layers; l++) {
    for (let h = 0; h < heads; h++) {
      const start = (l * heads + h) * size;
      mergeInto(headMatrix(attention, dims, l, h), seq, units, out.subarray(start, start + size));
    }
  }
  return out;
}
