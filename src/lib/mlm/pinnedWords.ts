/**
 * The pinned words a person typed ("is, are"), cleaned: trimmed, empty entries dropped, each word
 * once (a repeated word used to freeze the prediction table: issue 13, defect 4), and at most
 * MAX_PINNED of them.
 */
export const MAX_PINNED = 50;

export function parsePinned(text: string): string[] {
  return uniquePinned(text.split(','));
}

export function uniquePinned(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of words) {
    const word = raw.trim();
    if (word === '' || seen.has(word)) continue;
    seen.add(word);
    out.push(word);
    if (out.length === MAX_PINNED) break;
  }
  return out;
}
