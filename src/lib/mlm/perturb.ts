/**
 * Perturbations of a masked sentence in the spirit of Ettinger (2019), who found BERT's
 * predictions barely move when word order is shuffled, the sentence truncated, or the subject
 * or object removed. Words are split on spaces; "[MASK]" always survives.
 */

export const MASK = '[MASK]';

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** Deterministic shuffle (seeded), so a shared link shows the same shuffled sentence. */
export function shuffleWords(text: string, seed = 1): string {
  const list = words(text);
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
export function removeWord(text: string, word: string): string {
  const target = word.toLowerCase();
  const list = words(text);
  const index = list.findIndex((w) => w.toLowerCase().replace(/[.,;:!?]+$/, '') === target);
  if (index < 0) return text.trim();
  const removed = list[index]!;
  const tail = removed.slice(removed.replace(/[.,;:!?]+$/, '').length);
  list.splice(index, 1);
  if (tail && index > 0) list[index - 1] += tail;
  return list.join(' ');
}

/** Keeps only the last `keep` words before the first [MASK] (and everything after it). */
export function truncateBeforeMask(text: string, keep: number): string {
  const list = words(text);
  const at = list.findIndex((w) => w.includes(MASK));
  if (at < 0) return list.slice(Math.max(0, list.length - keep)).join(' ');
  return [...list.slice(Math.max(0, at - keep), at), ...list.slice(at)].join(' ');
}
