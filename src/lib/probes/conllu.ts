/**
 * A strict reader for CoNLL-U (Universal Dependencies) files: the basic dependency tree of each
 * sentence, checked well enough that head-accuracy statistics (Clark et al. 2019, section 4) can
 * trust it. Every problem is reported as a `ConlluError` naming the line, in plain words.
 *
 * What is checked, per word line: exactly 10 tab-separated columns, no empty column ("_" marks an
 * empty field), ID running 1, 2, 3, … in order, HEAD a whole number within the sentence, DEPREL
 * present, and "root" exactly when HEAD is 0. Per sentence: exactly one root, and no cycles (every
 * word reaches the root by following heads). A `# sent_id` may not repeat within a file.
 *
 * What is tolerated, so that files exported from UD treebanks load:
 *  - multiword-token lines (ID "3-4", e.g. "don't" over "do" + "n't") are skipped; the words they
 *    span are kept as ordinary words, so the basic tree is complete;
 *  - empty-node lines (ID "5.1", used only by enhanced dependencies) are skipped, as is the DEPS
 *    column of every word: only the basic tree is read;
 *  - a missing blank line at the end of the file, Windows line endings, and blocks made only of
 *    comments (e.g. a `# newdoc` before a blank line).
 *
 * XPOS, FEATS, DEPS and MISC are not returned (MISC is read only for SpaceAfter=No, to rebuild the
 * text of a sentence that has no `# text` comment).
 */

export interface ConlluWord {
  /** 1-based position in the sentence (CoNLL-U ID). */
  id: number;
  form: string;
  lemma: string;
  upos: string;
  /** ID of the head word; 0 for the root. */
  head: number;
  /** Universal dependency relation, with its subtype if any (e.g. "nmod:poss"). */
  deprel: string;
}

export interface ConlluSentence {
  /** The `# sent_id` comment, or the sentence's 1-based position in the file when there is none. */
  id: string;
  /** The `# text` comment, or the forms joined with spaces (honouring SpaceAfter=No in MISC). */
  text: string;
  words: ConlluWord[];
}

export class ConlluError extends Error {
  /** 1-based line number in the input the problem was found on. */
  readonly line: number;
  constructor(line: number, message: string) {
    super(`Line ${line}: ${message}`);
    this.name = 'ConlluError';
    this.line = line;
  }
}

const COLUMNS = ['ID', 'FORM', 'LEMMA', 'UPOS', 'XPOS', 'FEATS', 'HEAD', 'DEPREL', 'DEPS', 'MISC'] as const;
const WHOLE_NUMBER = /^(0|[1-9][0-9]*)$/;
const MULTIWORD_ID = /^[1-9][0-9]*-[1-9][0-9]*$/;
const EMPTY_NODE_ID = /^(0|[1-9][0-9]*)\.[1-9][0-9]*$/;

interface PendingWord extends ConlluWord {
  line: number;
  spaceAfter: boolean;
}

interface Block {
  startLine: number;
  comments: { line: number; text: string }[];
  words: PendingWord[];
}

/** Far longer than any real word line or `# text =` comment. */
export const MAX_CONLLU_LINE = 10_000;

export function parseConllu(text: string): ConlluSentence[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // Refused before any line is parsed: a 5 MB line used to hold the page for seconds (issue 13, defect 11).
  const long = lines.findIndex((line) => line.length > MAX_CONLLU_LINE);
  if (long >= 0) {
    throw new ConlluError(
      long + 1,
      `the line is ${lines[long]!.length.toLocaleString('en')} characters long; a CoNLL-U line is at most ${MAX_CONLLU_LINE.toLocaleString('en')}.`,
    );
  }
  const sentences: ConlluSentence[] = [];
  const seenIds = new Map<string, number>();
  let block: Block | null = null;

  const finish = (): void => {
    if (block && block.words.length > 0) {
      const sentence = finishSentence(block, sentences.length + 1, seenIds);
      sentences.push(sentence);
    }
    block = null;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') {
      finish();
      return;
    }
    block ??= { startLine: lineNo, comments: [], words: [] };
    if (raw.startsWith('#')) {
      if (block.words.length > 0) {
        throw new ConlluError(
          lineNo,
          'a comment line comes after the words of a sentence; comments go before the first word, and sentences are separated by a blank line.',
        );
      }
      block.comments.push({ line: lineNo, text: raw });
      return;
    }
    const word = parseWordLine(raw, lineNo, block.words.length);
    if (word) block.words.push(word);
  });
  finish();
  return sentences;
}

/** Parses one non-comment line; returns null for the lines that are skipped (multiword tokens, empty nodes). */
function parseWordLine(raw: string, lineNo: number, wordsSoFar: number): PendingWord | null {
  const cols = raw.split('\t');
  if (cols.length !== COLUMNS.length) {
    const hint = cols.length === 1 && /\s/.test(raw.trim()) ? ' (columns must be separated by tabs, not spaces)' : '';
    throw new ConlluError(lineNo, `expected 10 tab-separated columns, found ${cols.length}${hint}.`);
  }
  const [id, form, lemma, upos, , , head, deprel, , misc] = cols as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const empty = cols.findIndex((c) => c === '');
  if (empty >= 0) {
    throw new ConlluError(lineNo, `column ${empty + 1} (${COLUMNS[empty]}) is empty; write "_" for an empty field.`);
  }
  if (MULTIWORD_ID.test(id)) {
    const [from, to] = id.split('-').map(Number) as [number, number];
    if (from !== wordsSoFar + 1 || to <= from) {
      throw new ConlluError(
        lineNo,
        `multiword token ${id} should span words ${wordsSoFar + 1} onwards (first number = next word ID, second larger).`,
      );
    }
    return null;
  }
  if (EMPTY_NODE_ID.test(id)) return null;
  if (!WHOLE_NUMBER.test(id)) throw new ConlluError(lineNo, `ID "${id}" is not a whole number.`);
  const wordId = Number(id);
  const expected = wordsSoFar + 1;
  if (wordId !== expected) {
    throw new ConlluError(lineNo, `ID ${wordId} should be ${expected} (word IDs run 1, 2, 3, … in order).`);
  }
  if (!WHOLE_NUMBER.test(head)) throw new ConlluError(lineNo, `HEAD "${head}" is not a whole number.`);
  if (deprel === '_') throw new ConlluError(lineNo, 'DEPREL is missing ("_"); every word needs a relation.');
  const headId = Number(head);
  if (headId === 0 && deprel !== 'root') {
    throw new ConlluError(lineNo, `HEAD is 0 but DEPREL is "${deprel}"; the word with HEAD 0 must be "root".`);
  }
  if (headId !== 0 && deprel === 'root') {
    throw new ConlluError(lineNo, `DEPREL is "root" but HEAD is ${headId}; the root must have HEAD 0.`);
  }
  if (headId === wordId) throw new ConlluError(lineNo, `word ${wordId} is its own head.`);
  const spaceAfter = !misc.split('|').includes('SpaceAfter=No');
  return { id: wordId, form, lemma, upos, head: headId, deprel, line: lineNo, spaceAfter };
}

function finishSentence(block: Block, position: number, seenIds: Map<string, number>): ConlluSentence {
  const n = block.words.length;
  let root: PendingWord | null = null;
  for (const w of block.words) {
    if (w.head > n) {
      throw new ConlluError(w.line, `HEAD ${w.head} is outside the sentence (${n} ${n === 1 ? 'word' : 'words'}).`);
    }
    if (w.head === 0) {
      if (root) {
        throw new ConlluError(
          w.line,
          `a second root: words ${root.id} and ${w.id} both have HEAD 0; a sentence has exactly one root.`,
        );
      }
      root = w;
    }
  }
  if (!root) {
    throw new ConlluError(block.startLine, 'this sentence has no root (no word with HEAD 0); it needs exactly one.');
  }
  checkAcyclic(block.words);

  let id = String(position);
  let text: string | null = null;
  for (const c of block.comments) {
    const m = /^#\s*(sent_id|text)\s*=\s?(.*)$/.exec(c.text);
    if (!m) continue;
    if (m[1] === 'sent_id') {
      id = m[2]!.trim();
      const first = seenIds.get(id);
      if (first !== undefined) {
        throw new ConlluError(c.line, `sent_id "${id}" is used twice (first on line ${first}).`);
      }
      seenIds.set(id, c.line);
    } else {
      text = m[2]!;
    }
  }
  text ??= block.words
    .map((w, i) => w.form + (w.spaceAfter && i < n - 1 ? ' ' : ''))
    .join('')
    .trim();
  return {
    id,
    text,
    words: block.words.map(({ id: wid, form, lemma, upos, head, deprel }) => ({
      id: wid,
      form,
      lemma,
      upos,
      head,
      deprel,
    })),
  };
}

/** Every word must reach the root by following heads; reports the first cycle found, on its first word's line. */
function checkAcyclic(words: PendingWord[]): void {
  // 0 = unvisited, 1 = on the current path, 2 = known to reach the root.
  const state = new Array<number>(words.length + 1).fill(0);
  state[0] = 2;
  for (const start of words) {
    const path: number[] = [];
    let current = start.id;
    while (state[current] === 0) {
      state[current] = 1;
      path.push(current);
      current = words[current - 1]!.head;
    }
    if (state[current] === 1) {
      const cycle = path.slice(path.indexOf(current));
      const first = words[Math.min(...cycle) - 1]!;
      const rotated = [...cycle.slice(cycle.indexOf(first.id)), ...cycle.slice(0, cycle.indexOf(first.id))];
      throw new ConlluError(
        first.line,
        `words ${[...rotated, first.id].join(' → ')} form a cycle of heads, so they never reach the root.`,
      );
    }
    for (const p of path) state[p] = 2;
  }
}

/**
 * How often each relation occurs. With `subtypes: false`, "nmod:poss" counts as "nmod",
 * "nsubj:pass" as "nsubj", and so on.
 */
export function countRelations(sentences: ConlluSentence[], options: { subtypes?: boolean } = {}): Map<string, number> {
  const keep = options.subtypes ?? true;
  const counts = new Map<string, number>();
  for (const s of sentences) {
    for (const w of s.words) {
      const rel = keep ? w.deprel : (w.deprel.split(':')[0] ?? w.deprel);
      counts.set(rel, (counts.get(rel) ?? 0) + 1);
    }
  }
  return counts;
}
