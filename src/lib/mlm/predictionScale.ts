/**
 * How the masked-LM lab shows probabilities: which guesses count as words (special tokens and
 * punctuation are left out unless asked for), how long a bar is (a square-root scale, so 0.7%
 * is a visible bar beside 60%), and percent labels with as many decimals as the values need.
 */

import { CONTINUATION_MARK, pieceLabel, type ModelFamily } from '../core/family';

/** [SEP], [CLS], <s>, </s>, <pad>, …: a tokenizer's special tokens (by text, when no family is known). */
const SPECIAL = /^(?:\[[A-Z]+\]|<\/?[a-z]+>)$/;
/** Word-piece markers: BERT's "##", GPT-2/RoBERTa's "Ġ", SentencePiece's "▁". */
const PIECE = /^(?:##|Ġ|▁)/u;
const PUNCTUATION = /^[\p{P}\p{S}]+$/u;

/** True for a guess that is a special token or only punctuation (after its word-piece marker). */
export function isNonWord(token: string): boolean {
  if (SPECIAL.test(token)) return true;
  const bare = token.replace(PIECE, '');
  return bare !== '' && PUNCTUATION.test(bare);
}

/**
 * The same with the model's family: special and unknown tokens by id, punctuation by the piece's
 * readable text (its marker dropped by the family's rule).
 */
export function isNonWordIn(family: ModelFamily, token: string, id: number): boolean {
  if (family.specialIds.includes(id) || id === family.tokens.unk?.id || id === family.tokens.mask?.id) return true;
  const label = pieceLabel(family, token, id);
  const bare = label.startsWith(CONTINUATION_MARK) ? label.slice(CONTINUATION_MARK.length) : label;
  return bare !== '' && PUNCTUATION.test(bare);
}

/** Indices of the guesses to show, in order; with the family and ids, judged by the family's rules. */
export function shownGuesses(
  tokens: readonly string[],
  showNonWords: boolean,
  family?: { family: ModelFamily; ids: readonly number[] },
): number[] {
  const nonWord = (t: string, i: number) =>
    family ? isNonWordIn(family.family, t, family.ids[i] ?? -1) : isNonWord(t);
  return tokens.flatMap((t, i) => (showNonWords || !nonWord(t, i) ? [i] : []));
}

/** Bar length as a fraction of the full bar: √p, so small probabilities stay visible. */
export function barFraction(p: number): number {
  return Number.isFinite(p) && p > 0 ? Math.sqrt(Math.min(1, p)) : 0;
}

/** Where the scale under the bars marks 1%, 10%, 50% and 100%. */
export const BAR_TICKS = [0.01, 0.1, 0.5, 1] as const;

/**
 * Percent labels for axis ticks: enough decimals that neighbouring ticks differ (0.1%, 0.2%, …
 * rather than "0%" five times), and no more.
 */
export function percentTicks(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : Math.abs(ticks[0] ?? 1);
  const digits = step > 0 ? Math.max(0, Math.min(4, -Math.floor(Math.log10(step * 100) + 1e-9))) : 0;
  return ticks.map((t) => `${(t * 100).toFixed(digits)}%`);
}
