/**
 * A plain-text corpus for corpus-level head statistics (Clark et al. 2019, section 3: average
 * attention to [CLS], [SEP], punctuation, the previous/next token, and attention entropy).
 *
 * Format: one input per line. A line is either one sentence (segment A) or a sentence pair
 * `A ||| B` (segments A and B, as in BERT's next-sentence pre-training). Blank lines and lines
 * whose first non-space character is `#` are skipped.
 */

export interface CorpusLine {
  a: string;
  b?: string;
}

export class CorpusError extends Error {
  /** 1-based line number of the problem. */
  readonly line: number;
  constructor(line: number, message: string) {
    super(`Line ${line}: ${message}`);
    this.name = 'CorpusError';
    this.line = line;
  }
}

export const PAIR_SEPARATOR = '|||';

export function parseCorpus(text: string): CorpusLine[] {
  const out: CorpusLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = raw.trim();
      const lineNo = index + 1;
      if (line === '' || line.startsWith('#')) return;
      const parts = line.split(PAIR_SEPARATOR);
      if (parts.length > 2) {
        throw new CorpusError(
          lineNo,
          `"${PAIR_SEPARATOR}" appears ${parts.length - 1} times; a line holds one sentence or one pair "A ${PAIR_SEPARATOR} B".`,
        );
      }
      const [a, b] = parts.map((p) => p.trim()) as [string, string | undefined];
      if (b === undefined) {
        out.push({ a });
        return;
      }
      if (a === '' || b === '') {
        throw new CorpusError(
          lineNo,
          `the ${a === '' ? 'first' : 'second'} sentence of the pair is empty; write "A ${PAIR_SEPARATOR} B" with text on both sides.`,
        );
      }
      out.push({ a, b });
    });
  return out;
}
