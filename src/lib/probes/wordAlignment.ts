/**
 * Lining up a dataset's words with the words the model read. Probe datasets name words as a
 * treebank or a person splits text; the engine numbers words by WordPiece continuation
 * (`TokenInfo.word`), after BERT's basic tokenizer has split off every punctuation character.
 */

import type { RunResult } from '../core/types';
import { wordUnits, type WordUnit } from '../analysis/wordLevel';
import { normalizeWord } from './coref';

/** An item of a probe dataset that was not scored, and why, in words. */
export interface SkippedItem {
  id: string;
  reason: string;
}

/**
 * The pieces of each of `words` (sentence A), or why they do not line up with the model's words.
 * One word may span several of the model's words ("'s" is "'" + "s" to BERT's basic tokenizer), as
 * Clark et al. 2019 (sec. 4.1) merge all pieces of a treebank token; the texts must match, compared like normalizeWord.
 */
export function alignWords(
  words: readonly string[],
  result: Pick<RunResult, 'tokens' | 'truncatedTokens'>,
): { units: WordUnit[] } | { reason: string } {
  const model = wordUnits(result.tokens).filter((u) => !u.special && u.segment === 0);
  const units: WordUnit[] = [];
  let k = 0;
  for (let i = 0; i < words.length; i++) {
    const target = normalizeWord(words[i]!);
    let text = '';
    const pieces: number[] = [];
    while (text !== target && k < model.length) {
      const next = text + normalizeWord(model[k]!.text);
      if (!target.startsWith(next)) break;
      text = next;
      pieces.push(...model[k++]!.pieces);
    }
    if (text !== target || pieces.length === 0) {
      if (k >= model.length && result.truncatedTokens > 0) {
        return {
          reason: `the model cut ${result.truncatedTokens} tokens to fit its length limit, losing word ${i + 1}`,
        };
      }
      const seen = model[k]?.text ?? 'nothing more';
      const unknown = result.tokens.some((t) => t.text === '[UNK]') ? ' (some text became [UNK])' : '';
      return { reason: `word ${i + 1} "${words[i]}" does not line up with the model's word "${seen}"${unknown}` };
    }
    units.push({ text, pieces, special: false, segment: 0 });
  }
  if (k < model.length) return { reason: `the model read ${model.length - k} more words than the sentence has` };
  return { units };
}
