/**
 * The title every figure carries, on screen and in the file: what is shown (head, aggregate),
 * which model, and the sentence. Layout has no font metrics, so text width is estimated.
 */

import type { InkRole } from './palette';

export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
export const MARGIN = 16;

/** A rough advance width per character of the system sans-serif, as a fraction of the font size. */
const CHAR_WIDTH = 0.6;

export function textWidth(text: string, size: number): number {
  return Array.from(text).length * size * CHAR_WIDTH;
}

/** `text` cut to fit `width` at `size` (by code points, so emoji and accents survive), with "…" when cut. */
export function fitText(text: string, size: number, width: number): string {
  const chars = Array.from(text);
  const max = Math.max(1, Math.floor(width / (size * CHAR_WIDTH)));
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Baseline of a line of text vertically centred on `middle` (dominant-baseline is not portable). */
export function baseline(middle: number, size: number): number {
  return middle + size * 0.35;
}

export interface TextLine {
  key: string;
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
  role: InkRole;
  /** Horizontal alignment at x; start when absent. */
  anchor?: 'start' | 'middle' | 'end';
  /** Struck through (a switched-off layer or head). */
  struck?: boolean;
}

/** A title line before wrapping, for an HTML caption that wraps by itself. */
export interface TitleParagraph {
  key: string;
  text: string;
  size: number;
  bold: boolean;
  role: InkRole;
}

export interface TitleBlock {
  /** Wrapped to the figure's width, for the SVG file. */
  lines: TextLine[];
  /** The same text unwrapped: heading and model, the sentence(s), each note. */
  paragraphs: TitleParagraph[];
  height: number;
  /** For the file's <title>: heading, model and the full sentence(s), uncut. */
  full: string;
}

export function quoteSentences(text: string, pair: string): string {
  return pair ? `“${text}” / “${pair}”` : `“${text}”`;
}

/**
 * Greedy word wrap into at most `maxLines` lines of `width`; a word longer than a line is cut, and
 * the last line ends in "…" when text is left over.
 */
export function wrapText(text: string, size: number, width: number, maxLines: number): string[] {
  const max = Math.max(1, Math.floor(width / (size * CHAR_WIDTH)));
  const lines: string[] = [];
  let rest = Array.from(text.trim());
  while (rest.length > 0 && lines.length < maxLines) {
    if (rest.length <= max) {
      lines.push(rest.join(''));
      rest = [];
      break;
    }
    let cut = rest.lastIndexOf(' ', max);
    if (cut <= 0) cut = max;
    lines.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === ' ') rest.shift();
  }
  if (rest.length > 0 && lines.length > 0) {
    lines[lines.length - 1] = fitText(`${lines[lines.length - 1]!} ${rest.join('')}`, size, width);
  }
  return lines;
}

export function titleBlock(
  heading: string,
  model: string,
  text: string,
  pair: string,
  notes: string[],
  width: number,
): TitleBlock {
  const inner = width - 2 * MARGIN;
  const sentence = quoteSentences(text, pair);
  const specs: { key: string; text: string; size: number; bold: boolean; role: InkRole }[] = [
    ...wrapText(`${heading} · ${model}`, 15, inner, 2).map((t, i) => ({
      key: `heading-${i}`,
      text: t,
      size: 15,
      bold: true,
      role: 'text' as const,
    })),
    ...wrapText(sentence, 13, inner, 3).map((t, i) => ({
      key: `sentence-${i}`,
      text: t,
      size: 13,
      bold: false,
      role: 'text' as const,
    })),
    ...notes.flatMap((note, n) =>
      wrapText(note, 11, inner, 2).map((t, i) => ({
        key: `note-${n}-${i}`,
        text: t,
        size: 11,
        bold: false,
        role: 'muted' as const,
      })),
    ),
  ];
  let y = MARGIN;
  const lines = specs.map((s) => {
    y += s.size * 1.35;
    return { ...s, x: MARGIN, y: y - s.size * 0.3 };
  });
  const paragraphs: TitleParagraph[] = [
    { key: 'heading', text: `${heading} · ${model}`, size: 15, bold: true, role: 'text' },
    { key: 'sentence', text: sentence, size: 13, bold: false, role: 'text' },
    ...notes.map((text, n) => ({ key: `note-${n}`, text, size: 11, bold: false, role: 'muted' as const })),
  ];
  return { lines, paragraphs, height: y + 8, full: `${heading} · ${model} · ${sentence}` };
}
