/**
 * Tokenisation with transformers.js's tokenizer, driven by the model family's descriptor: each
 * sentence is split into pieces without special tokens, cut to fit ('longest_first'), and joined
 * by the family's own template ([CLS] A [SEP] B [SEP], <s> A </s></s> B </s>…). Special flags,
 * segments and word numbers come from token ids and the descriptor, never from token text.
 */
import { EngineError } from '../../src/lib/core/errors';
import {
  assignWordIndices,
  maskText,
  midSentenceText,
  withFamilyMask,
  type ModelFamily,
} from '../../src/lib/core/family';
import type { TokenInfo } from '../../src/lib/core/types';

/** The part of transformers.js's tokenizer (its @huggingface/tokenizers core) that we rely on. */
export interface TokenizerCore {
  encode(
    text: string,
    options: { text_pair?: string | null; add_special_tokens?: boolean; return_token_type_ids: true },
  ): { ids: number[]; tokens: string[]; token_type_ids: number[] };
  id_to_token(id: number): string | undefined;
  token_to_id(token: string): number | undefined;
}

export interface TokenizerHandle {
  core: TokenizerCore;
  family: ModelFamily;
}

export interface EncodedInput {
  inputIds: number[];
  /** What the model is fed: the template's type ids, or zeros for families without token types. */
  tokenTypeIds: number[];
  tokens: TokenInfo[];
  truncatedTokens: number;
  /** Characters never read because the text was far longer than the model can take (0 when none). */
  unreadChars: number;
}

/**
 * How much text is read before tokenizing: a piece of BERT's vocabulary spans at most ~100
 * characters (longer words become [UNK]), so 200 per token leaves room for whitespace and still
 * yields more tokens than the model takes. A 1 MB paste is cut here instead of being tokenized.
 */
export const CHARS_PER_TOKEN_READ = 200;

/** The first `max` UTF-16 units of the text, never splitting a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export function encodeInput(
  tok: TokenizerHandle,
  text: string,
  pair: string | undefined,
  maxTokens: number,
): EncodedInput {
  const { family } = tok;
  const readLimit = Math.max(1, maxTokens) * CHARS_PER_TOKEN_READ;
  const cappedA = capText(text.trim(), readLimit);
  const cappedB = capText(pair?.trim() ?? '', readLimit);
  const unreadChars = text.trim().length - cappedA.length + ((pair?.trim().length ?? 0) - cappedB.length);
  // A typed "[MASK]" is the family's own mask token ("<mask>" for RoBERTa and XLM-R).
  const a = withFamilyMask(cappedA, family);
  const b = withFamilyMask(cappedB, family);
  if (a === '') {
    throw new EngineError('empty-input', 'There is no text to analyse.', 'Type a sentence in the text box.');
  }
  const encode = (s: string) => tok.core.encode(s, { add_special_tokens: false, return_token_type_ids: true });
  const sequences = b === '' ? [encode(a)] : [encode(a), encode(b)];
  const parts = b === '' ? family.template.single : family.template.pair;
  const budget = maxTokens - parts.filter((p) => p.kind === 'special').length;
  const [keepA, keepB] = truncateLongestFirst(sequences[0]!.ids.length, sequences[1]?.ids.length ?? 0, budget);
  const keep = [keepA, keepB];
  const specialIds = new Set(family.specialIds);
  const ids: number[] = [];
  const types: number[] = [];
  const segments: number[] = [];
  const pieces: string[] = [];
  const isSpecial: boolean[] = [];
  let segment = 0;
  for (const part of parts) {
    if (part.kind === 'special') {
      ids.push(part.token.id);
      pieces.push(part.token.text);
      types.push(part.typeId);
      segments.push(segment);
      isSpecial.push(true);
      continue;
    }
    segment = part.which;
    const encoded = sequences[part.which];
    if (!encoded) continue;
    for (let i = 0; i < keep[part.which]!; i++) {
      const id = encoded.ids[i]!;
      ids.push(id);
      pieces.push(encoded.tokens[i] ?? tok.core.id_to_token(id) ?? '');
      types.push(part.typeId);
      segments.push(segment);
      isSpecial.push(specialIds.has(id));
    }
  }
  if (isSpecial.every(Boolean)) {
    throw new EngineError(
      'empty-input',
      'The text has no tokens the model can read (only spaces, control or zero-width characters).',
      'Type a sentence with letters or digits.',
    );
  }
  const words = assignWordIndices(family, pieces, isSpecial, ids);
  const tokens: TokenInfo[] = ids.map((id, i) => ({
    text: pieces[i]!,
    id,
    word: words[i]!,
    segment: segments[i]!,
    special: isSpecial[i]!,
  }));
  const total = sequences.reduce((n, s) => n + s.ids.length, 0);
  return {
    inputIds: ids,
    tokenTypeIds: family.tokenTypeIds ? types : types.map(() => 0),
    tokens,
    truncatedTokens: total - keepA - keepB,
    unreadChars,
  };
}

/**
 * How many pieces of A and of B to keep so that both fit in `budget`: pieces are dropped from the
 * end of the longer one, B giving way on a tie (the 'longest_first' strategy of Hugging Face tokenizers).
 */
export function truncateLongestFirst(lengthA: number, lengthB: number, budget: number): [number, number] {
  let a = lengthA;
  let b = lengthB;
  while (a + b > Math.max(0, budget) && a + b > 0) {
    if (a > b) a--;
    else b--;
  }
  return [a, b];
}

/**
 * A pinned word's vocabulary id: one mask holds one piece, so a word must be one piece, written as
 * it is in the middle of a sentence (" is" → "Ġis" for byte-level BPE, "▁is" for SentencePiece).
 */
export function pinnedTokenId(
  tokenizer: TokenizerHandle,
  word: string,
): { word: string; id: number | null; note?: string } {
  const { family } = tokenizer;
  const pieces = tokenizer.core.encode(midSentenceText(family, word), {
    add_special_tokens: false,
    return_token_type_ids: true,
  });
  const only = pieces.ids.length === 1 ? pieces.ids[0] : undefined;
  if (only !== undefined && only === family.tokens.unk?.id) {
    return { word, id: null, note: `"${word}" is not in this model's vocabulary` };
  }
  if (only !== undefined) return { word, id: only };
  const note =
    pieces.ids.length === 0
      ? 'empty'
      : `"${word}" is ${pieces.ids.length} word pieces here (${pieces.tokens.join(' ')}); one ${maskText(family)} holds one piece`;
  return { word, id: null, note };
}
