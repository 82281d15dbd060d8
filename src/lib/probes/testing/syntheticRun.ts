/**
 * Synthetic engine runs for probe tests: tokens laid out as BERT would ([CLS] A [SEP] (B [SEP])),
 * and attention whose every row the test chooses, so each probe's answer is known in advance.
 */
import { BERT_UNCASED_FAMILY } from '../../core/family';
import type { RunResult, TokenInfo } from '../../core/types';

/**
 * Tokens for sentence A (and B): one word per string, its pieces separated by spaces
 * ("play ##ing" is one word of two pieces). Word indices run on from A into B, as the engine's do.
 */
export function syntheticTokens(a: readonly string[], b?: readonly string[]): TokenInfo[] {
  const { cls, sep } = BERT_UNCASED_FAMILY.tokens;
  const special = (text: string, segment: number): TokenInfo => ({
    text,
    id: text === cls!.text ? cls!.id : sep!.id,
    word: -1,
    segment,
    special: true,
  });
  const tokens: TokenInfo[] = [special('[CLS]', 0)];
  let word = 0;
  const add = (words: readonly string[], segment: number): void => {
    for (const w of words) {
      for (const piece of w.split(' ')) tokens.push({ text: piece, id: 1, word, segment, special: false });
      word++;
    }
    tokens.push(special('[SEP]', segment));
  };
  add(a, 0);
  if (b) add(b, 1);
  return tokens;
}

/** A row with all its weight on token j (or spread evenly over several tokens). */
export function rowOn(seq: number, ...targets: number[]): Float32Array {
  const row = new Float32Array(seq);
  for (const j of targets) row[j] = row[j]! + 1 / targets.length;
  return row;
}

export function uniformRow(seq: number): Float32Array {
  return new Float32Array(seq).fill(1 / seq);
}

/** A run of `layers`×`heads` heads; `row(m, i)` gives head m's (m = layer*H + head) attention from token i. */
export function syntheticRun(
  tokens: TokenInfo[],
  layers: number,
  heads: number,
  row: (m: number, i: number, seq: number) => ArrayLike<number>,
): RunResult {
  const seq = tokens.length;
  const attention = new Float32Array(layers * heads * seq * seq);
  for (let m = 0; m < layers * heads; m++) {
    for (let i = 0; i < seq; i++) attention.set(row(m, i, seq), (m * seq + i) * seq);
  }
  return {
    requestId: 0,
    tokens,
    attention,
    attentionDims: [layers, heads, seq, seq],
    predictions: [],
    backend: 'wasm',
    timings: { tokenizeMs: 0, inferenceMs: 0, extractMs: 0 },
    truncatedTokens: 0,
    ablated: [],
    notices: [],
  };
}
