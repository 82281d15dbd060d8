/**
 * Tokenisation with transformers.js's tokenizer, plus what the views need and it does not give:
 * the word each piece belongs to, special-token flags, and truncation that says what it dropped.
 */
import { EngineError } from '../../src/lib/core/errors';
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
  specialIds: Set<number>;
  maskTokenId: number | null;
  unkTokenId: number | null;
  /** How a piece says it continues the previous word ('##' for WordPiece), or how a word start is marked (BPE). */
  scheme: { kind: 'continuation'; prefix: string } | { kind: 'word-start'; markers: string[] };
}

export interface EncodedInput {
  inputIds: number[];
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
  const readLimit = Math.max(1, maxTokens) * CHARS_PER_TOKEN_READ;
  const a = capText(text.trim(), readLimit);
  const b = capText(pair?.trim() ?? '', readLimit);
  const unreadChars = text.trim().length - a.length + ((pair?.trim().length ?? 0) - b.length);
  if (a === '') {
    throw new EngineError('empty-input', 'There is no text to analyse.', 'Type a sentence in the text box.');
  }
  const full = tok.core.encode(a, {
    text_pair: b === '' ? null : b,
    add_special_tokens: true,
    return_token_type_ids: true,
  });
  const n = full.ids.length;
  const special = full.ids.map((id) => tok.specialIds.has(id));
  const keep = truncateLongestFirst(special, full.token_type_ids, maxTokens);
  const ids: number[] = [];
  const types: number[] = [];
  const pieces: string[] = [];
  const isSpecial: boolean[] = [];
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    ids.push(full.ids[i]!);
    types.push(full.token_type_ids[i] ?? 0);
    pieces.push(full.tokens[i] ?? tok.core.id_to_token(full.ids[i]!) ?? '');
    isSpecial.push(special[i]!);
  }
  if (ids.every((id) => tok.specialIds.has(id))) {
    throw new EngineError(
      'empty-input',
      'The text has no tokens the model can read (only spaces, control or zero-width characters).',
      'Type a sentence with letters or digits.',
    );
  }
  const words = assignWords(pieces, isSpecial, tok.scheme);
  const tokens: TokenInfo[] = ids.map((id, i) => ({
    text: pieces[i]!,
    id,
    word: words[i]!,
    segment: types[i]!,
    special: isSpecial[i]!,
  }));
  return { inputIds: ids, tokenTypeIds: types, tokens, truncatedTokens: n - ids.length, unreadChars };
}

/**
 * Drop pieces from the end of the longer segment until the sequence fits, keeping the special
 * tokens (the 'longest_first' strategy of Hugging Face tokenizers). Linear in the input: the
 * number to drop from each segment is worked out from the counts, then marked in one pass from
 * the end (a 200k-token paste used to take a minute here).
 */
export function truncateLongestFirst(special: boolean[], segments: number[], maxTokens: number): boolean[] {
  const keep = special.map(() => true);
  let countA = 0;
  let countB = 0;
  for (let i = 0; i < special.length; i++) {
    if (special[i]) continue;
    if (segments[i] === 0) countA++;
    else if (segments[i] === 1) countB++;
  }
  const excess = Math.max(0, special.length - maxTokens);
  const drop = [0, 0];
  for (let k = 0; k < excess && countA + countB > 0; k++) {
    // On a tie the second segment gives way, as in Hugging Face tokenizers.
    const segment = countA > countB ? 0 : 1;
    drop[segment]!++;
    if (segment === 0) countA--;
    else countB--;
  }
  for (let i = special.length - 1; i >= 0 && drop[0]! + drop[1]! > 0; i--) {
    const segment = segments[i];
    if (special[i] || (segment !== 0 && segment !== 1) || drop[segment]! === 0) continue;
    keep[i] = false;
    drop[segment]!--;
  }
  return keep;
}

export function assignWords(pieces: string[], special: boolean[], scheme: TokenizerHandle['scheme']): number[] {
  let word = -1;
  let previousSpecial = true;
  return pieces.map((piece, i) => {
    if (special[i]) {
      previousSpecial = true;
      return -1;
    }
    const continues =
      scheme.kind === 'continuation'
        ? piece.startsWith(scheme.prefix) && !previousSpecial
        : !scheme.markers.some((m) => piece.startsWith(m)) && !previousSpecial;
    if (!continues) word++;
    previousSpecial = false;
    return word;
  });
}

/** Reads the word-boundary convention from tokenizer.json's model section. */
export function schemeFromTokenizerJson(json: unknown): TokenizerHandle['scheme'] {
  const model = (json as { model?: { type?: string; continuing_subword_prefix?: string | null } }).model;
  if (model?.type === 'WordPiece') return { kind: 'continuation', prefix: model.continuing_subword_prefix ?? '##' };
  return { kind: 'word-start', markers: ['Ġ', '▁', ' '] };
}
