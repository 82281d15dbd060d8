/**
 * Perturbations of a masked sentence in the spirit of Ettinger (2019), who found BERT's
 * predictions barely move when word order is shuffled, the sentence truncated, or the subject
 * or object removed. Words are split on spaces; the mask always survives, and comes out as the
 * model family's own mask token ("[MASK]" typed by a person becomes RoBERTa's "<mask>").
 */
import { MASK_PLACEHOLDER, maskText, withFamilyMask, type ModelFamily } from '../core/family';

type Family = ModelFamily | null | undefined;

function words(text: string, family: Family): string[] {
  return withFamilyMask(text, family).trim().split(/\s+/).filter(Boolean);
}

/** Deterministic shuffle (seeded), so a shared link shows the same shuffled sentence. */
export function shuffleWords(text: string, family: Family, seed = 1): string {
  const list = words(text, family);
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list.join(' ');
}

/** Removes the first occurrence of a word (case-insensitive, ignoring trailing punctuation). */
export function removeWord(text: string, word: string, family: Family): string {
  const target = word.toLowerCase();
  const list = words(text, family);
  const index = list.findIndex((w) => w.toLowerCase().replace(/[.,;:!?]+$/, '') === target);
  if (index < 0) return list.join(' ');
  const removed = list[index]!;
  const tail = removed.slice(removed.replace(/[.,;:!?]+$/, '').length);
  list.splice(index, 1);
  if (tail && index > 0) list[index - 1] += tail;
  return list.join(' ');
}

/** Keeps only the last `keep` words before the first mask (and everything after it). */
export function truncateBeforeMask(text: string, keep: number, family: Family): string {
  const mask = maskText(family);
  const list = words(text, family);
  const at = list.findIndex((w) => w.includes(mask) || w.includes(MASK_PLACEHOLDER));
  if (at < 0) return list.slice(Math.max(0, list.length - keep)).join(' ');
  return [...list.slice(Math.max(0, at - keep), at), ...list.slice(at)].join(' ');
}
