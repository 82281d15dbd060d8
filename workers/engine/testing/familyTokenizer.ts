/** The tokenizer of each family fixture (src/lib/core/testing/familyFiles.ts), loaded by transformers.js. Tests only. */
import { buildModelFamily, type ModelFamily } from '../../../src/lib/core/family';
import { familyFiles, type FamilyName } from '../../../src/lib/core/testing/familyFiles';
import type { RunResult, TokenInfo } from '../../../src/lib/core/types';
import { encodeInput, type TokenizerHandle } from '../tokenize';
import { createTokenizerHandle } from '../tokenizerHandle';

const handles = new Map<FamilyName, TokenizerHandle>();

export function familyTokenizer(name: FamilyName): TokenizerHandle {
  let handle = handles.get(name);
  if (!handle) {
    const files = familyFiles(name);
    const family = buildModelFamily(files.config, files.tokenizer, files.tokenizerConfig);
    handle = createTokenizerHandle(files.tokenizer, files.tokenizerConfig, family);
    handles.set(name, handle);
  }
  return handle;
}

export function familyOf(name: FamilyName): ModelFamily {
  return familyTokenizer(name).family;
}

/** The tokens the engine would produce for this text in this family. */
export function familyTokens(name: FamilyName, text: string, pair?: string): TokenInfo[] {
  return encodeInput(familyTokenizer(name), text, pair, 512).tokens;
}

/**
 * A run of this family's tokenization with attention from `weight(layer*heads+head, from, to, seq)`
 * (rows renormalised), as the probes and word-level code receive it.
 */
export function familyRun(
  name: FamilyName,
  text: string,
  layers: number,
  heads: number,
  weight: (m: number, i: number, j: number, seq: number) => number,
  pair?: string,
): RunResult {
  const tokens = familyTokens(name, text, pair);
  const seq = tokens.length;
  const attention = new Float32Array(layers * heads * seq * seq);
  for (let m = 0; m < layers * heads; m++) {
    for (let i = 0; i < seq; i++) {
      let sum = 0;
      for (let j = 0; j < seq; j++) sum += weight(m, i, j, seq);
      for (let j = 0; j < seq; j++) attention[(m * seq + i) * seq + j] = weight(m, i, j, seq) / sum;
    }
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
