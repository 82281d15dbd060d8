/**
 * Head names inside a sentence of the labs ("best head 3-2: 41%", "4-2 (3.17 nats), 4-3 …"), found
 * so each can become a link to that head. A name is "head L-H" or a bare "L-H" of two whole
 * numbers counted from 1; a range of layers must say so ("layers 6-10") and is left alone.
 */

export type TextPart = { text: string } | { text: string; layer: number; head: number };

const HEAD = /(?<![\w.+-])(?<!layers? )(?:head )?([1-9]\d{0,2})-([1-9]\d{0,2})(?!\w|\.\d|-\d)/g;

export function splitHeadMentions(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(HEAD)) {
    const start = m.index;
    if (start > at) parts.push({ text: text.slice(at, start) });
    parts.push({ text: m[0], layer: Number(m[1]) - 1, head: Number(m[2]) - 1 });
    at = start + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
