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
}

export function encodeInput(
  tok: TokenizerHandle,
  text: string,
  pair: string | undefined,
  maxTokens: number,
): EncodedInput {
  const a = text.trim();
  const b = pair?.trim() ?? '';
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
  return { inputIds: ids, tokenTypeIds: types, tokens, truncatedTokens: n - ids.length };
}

/**
 * Drop pieces from the end of the longer segment until the sequence fits, keeping the special
 * tokens (the 'longest_first' strategy of Hugging Face tokenizers).
 */
export function truncateLongestFirst(special: boolean[], segments: number[], maxTokens: number): boolean[] {
  const keep = special.map(() => true);
  let length = special.length;
  const lastKept = (segment: number): number => {
    for (let i = special.length - 1; i >= 0; i--) if (keep[i] && !special[i] && segments[i] === segment) return i;
    return -1;
  };
  const count = (segment: number): number =>
    special.reduce((acc, s, i) => acc + (keep[i] && !s && segments[i] === segment ? 1 : 0), 0);
  let countA = count(0);
  let countB = count(1);
  while (length > maxTokens && countA + countB > 0) {
    // On a tie the second segment gives way, as in Hugging Face tokenizers.
    const segment = countA > countB ? 0 : 1;
    const i = lastKept(segment);
    if (i < 0) break;
    keep[i] = false;
    length--;
    if (segment === 0) countA--;
    else countB--;
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
