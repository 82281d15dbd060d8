/**
 * Lining up a dataset's words with the pieces the model read. Probe datasets name words as a
 * treebank or a person splits text; models split text their own way (WordPiece splits off every
 * punctuation character, byte-level BPE keeps "'t" whole and glues "." to nothing, SentencePiece
 * marks word starts with '▁'). The two are lined up by their characters: both sides' texts are
 * compared as normalizeWord writes them (lowercase, no accents, no spaces), the pieces' text
 * written by the model family's rule, and each piece goes to the dataset word in which its first
 * character lies.
 */

import { pieceTexts, type ModelFamily } from '../core/family';
import type { RunResult } from '../core/types';
import { wordUnits, type WordUnit } from '../analysis/wordLevel';
import { normalizeWord } from './coref';

/** An item of a probe dataset that was not scored, and why, in words. */
export interface SkippedItem {
  id: string;
  reason: string;
}

function bare(text: string): string {
  return normalizeWord(text).replace(/\s+/gu, '');
}

/**
 * The pieces of each of `words` (sentence A), or why they do not line up with the model's pieces.
 * One word may take several pieces ("unbelievable" → "un ##believ ##able"; "n't" → "'" + "t"), as
 * Clark et al. 2019 (sec. 4.1) merge all pieces of a treebank token. A piece that runs over a word
 * boundary ("Ġdidn" for "did" + "n't") belongs to the word it starts in; a word left with no piece
 * of its own cannot be scored.
 */
export function alignWords(
  words: readonly string[],
  result: Pick<RunResult, 'tokens' | 'truncatedTokens'>,
  family: ModelFamily,
): { units: WordUnit[] } | { reason: string } {
  const { tokens } = result;
  const indices: number[] = [];
  tokens.forEach((t, i) => {
    if (!t.special && t.segment === 0) indices.push(i);
  });
  const texts = pieceTexts(
    family,
    indices.map((i) => tokens[i]!.text),
  ).map(bare);
  const targets = words.map(bare);
  const modelWord = new Map<number, string>();
  for (const unit of wordUnits(tokens, family)) for (const p of unit.pieces) modelWord.set(p, unit.text);
  const unk = family.tokens.unk;
  const unknown = unk && tokens.some((t) => t.id === unk.id) ? ` (some text became ${unk.text})` : '';
  const pieces: number[][] = words.map(() => []);
  let w = 0;
  let offset = 0;
  const skipFinished = (): void => {
    while (w < targets.length && offset >= targets[w]!.length) {
      w++;
      offset = 0;
    }
  };
  // Pieces without text of their own (a lone '▁', the first byte of a character split over
  // pieces) go with the next piece that has text.
  let pending: number[] = [];
  for (let k = 0; k < indices.length; k++) {
    const text = texts[k]!;
    if (text === '') {
      pending.push(indices[k]!);
      continue;
    }
    skipFinished();
    if (w >= targets.length) {
      const rest = indices.slice(k).map((i) => tokens[i]!.text);
      return { reason: `the model read more text than the sentence has ("${rest.join(' ')}")${unknown}` };
    }
    pieces[w]!.push(...pending, indices[k]!);
    pending = [];
    for (const ch of text) {
      skipFinished();
      if (w >= targets.length || targets[w]![offset] !== ch) {
        const at = Math.min(w, words.length - 1);
        return {
          reason: `word ${at + 1} "${words[at]}" does not line up with the model's word "${modelWord.get(indices[k]!) ?? ''}"${unknown}`,
        };
      }
      offset++;
    }
  }
  if (pending.length && words.length) pieces[Math.min(w, words.length - 1)]!.push(...pending);
  skipFinished();
  if (w < targets.length) {
    if (result.truncatedTokens > 0) {
      return { reason: `the model cut ${result.truncatedTokens} tokens to fit its length limit, losing word ${w + 1}` };
    }
    return { reason: `word ${w + 1} "${words[w]}" does not line up with the model's word "nothing more"${unknown}` };
  }
  const units: WordUnit[] = [];
  for (let i = 0; i < words.length; i++) {
    if (pieces[i]!.length === 0) {
      return {
        reason: `word ${i + 1} "${words[i]}" has no piece of its own: the model reads it inside another word's piece`,
      };
    }
    units.push({ text: words[i]!, pieces: pieces[i]!, special: false, segment: 0 });
  }
  return { units };
}
