/**
 * Coreference probe items (Clark et al. 2019, section 5: "does some head attend from a pronoun to
 * its antecedent?"), and how an item names its words.
 *
 * An item's words are its text split on whitespace, with every punctuation character a word of its
 * own ("didn't" → "didn", "'", "t"). This is the dataset's own word list, the same for every model:
 * it is lined up with whatever pieces a model family reads (WordPiece, byte-level BPE,
 * SentencePiece) by their characters, in wordAlignment.ts. Matching ignores case and accents.
 */

export type CorefKind = 'winograd' | 'simple' | 'gender' | 'plural';

export const COREF_KINDS: readonly CorefKind[] = ['winograd', 'simple', 'gender', 'plural'];

/** One word of the text: its spelling and which occurrence of that spelling it is (1-based). */
export interface WordRef {
  word: string;
  occurrence: number;
}

export interface CorefItem {
  id: string;
  text: string;
  pronoun: WordRef;
  antecedent: WordRef;
  /** Every candidate antecedent, the gold one included; all precede the pronoun. */
  candidates: WordRef[];
  kind: CorefKind;
  /** Winograd-style twins (one word changed, the answer flips) share a pairId. */
  pairId?: string;
}

/** An item with its words found: indices into `words` (= `splitWords(text)`). */
export interface ResolvedCorefItem {
  item: CorefItem;
  words: string[];
  pronoun: number;
  antecedent: number;
  /** In the order the item lists them. */
  candidates: number[];
}

export class CorefDataError extends Error {
  /** The offending item's id, or null when the problem is with the file as a whole. */
  readonly itemId: string | null;
  constructor(itemId: string | null, message: string) {
    super(itemId === null ? message : `Item "${itemId}": ${message}`);
    this.name = 'CorefDataError';
    this.itemId = itemId;
  }
}

const PUNCTUATION = /\p{P}/u;
const WHITESPACE = /[\s\p{Zs}]/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;

function isPunctuation(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  // All non-alphanumeric ASCII counts ($, +, <, ^, `, | …), plus Unicode P*.
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
    return true;
  }
  return PUNCTUATION.test(ch);
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/**
 * Splits text into the dataset's words: control characters dropped, whitespace separates words, and
 * each punctuation character (ASCII symbols included) or CJK ideograph is a word.
 * The original spelling is kept; compare with `normalizeWord`.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current !== '') words.push(current);
    current = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (WHITESPACE.test(ch)) {
      flush();
    } else if (cp === 0 || cp === 0xfffd || CONTROL.test(ch)) {
      continue;
    } else if (isPunctuation(ch) || isCjk(cp)) {
      flush();
      words.push(ch);
    } else {
      current += ch;
    }
  }
  flush();
  return words;
}

/** Lowercase without accents: how an uncased BERT sees a word, and how words are compared here. */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
}

/**
 * Index (0-based, into `splitWords(text)`) of the `occurrence`-th (1-based) occurrence of `word`,
 * compared case- and accent-insensitively; -1 when the text has fewer occurrences.
 */
export function locateWord(text: string, word: string, occurrence: number): number {
  return locateIn(splitWords(text), word, occurrence);
}

function locateIn(words: string[], word: string, occurrence: number): number {
  const target = normalizeWord(word);
  let seen = 0;
  for (let i = 0; i < words.length; i++) {
    if (normalizeWord(words[i]!) === target && ++seen === occurrence) return i;
  }
  return -1;
}

/** Finds an item's words; throws `CorefDataError` when one is missing. */
export function resolveCorefItem(item: CorefItem): ResolvedCorefItem {
  const words = splitWords(item.text);
  const find = (ref: WordRef, role: string): number => {
    const i = locateIn(words, ref.word, ref.occurrence);
    if (i < 0) {
      const count = words.filter((w) => normalizeWord(w) === normalizeWord(ref.word)).length;
      throw new CorefDataError(
        item.id,
        count === 0
          ? `the ${role} "${ref.word}" does not occur in the text.`
          : `the ${role} "${ref.word}" occurs ${count} time${count === 1 ? '' : 's'} in the text, not ${ref.occurrence}.`,
      );
    }
    return i;
  };
  return {
    item,
    words,
    pronoun: find(item.pronoun, 'pronoun'),
    antecedent: find(item.antecedent, 'antecedent'),
    candidates: item.candidates.map((c) => find(c, 'candidate')),
  };
}

/** The candidate closest before the pronoun (a recency baseline). */
export function nearestCandidate(resolved: ResolvedCorefItem): number {
  return Math.max(...resolved.candidates.filter((c) => c < resolved.pronoun));
}

/** The earliest candidate in the text (a first-mention / subject baseline). */
export function firstCandidate(resolved: ResolvedCorefItem): number {
  return Math.min(...resolved.candidates);
}

/** Share of items where `pick` chooses the gold antecedent. */
export function baselineAccuracy(
  items: ResolvedCorefItem[],
  pick: (resolved: ResolvedCorefItem) => number = nearestCandidate,
): number {
  if (items.length === 0) return 0;
  return items.filter((r) => pick(r) === r.antecedent).length / items.length;
}

/**
 * Checks and types a parsed JSON coreference file: an array of items. Each item needs an id (unique),
 * a text, a pronoun, an antecedent and at least two candidates (the antecedent among them, all found
 * in the text at the stated occurrence and all before the pronoun), a known kind, and an optional
 * pairId shared by exactly two items.
 */
export function parseCorefItems(json: unknown): CorefItem[] {
  if (!Array.isArray(json)) {
    throw new CorefDataError(null, 'The coreference data must be a JSON array of items.');
  }
  const items: CorefItem[] = [];
  const ids = new Set<string>();
  json.forEach((raw: unknown, index) => {
    const item = parseItem(raw, index);
    if (ids.has(item.id)) throw new CorefDataError(item.id, 'this id is used by more than one item.');
    ids.add(item.id);
    items.push(item);
  });
  const pairs = new Map<string, CorefItem[]>();
  for (const item of items) {
    if (item.pairId === undefined) continue;
    pairs.set(item.pairId, [...(pairs.get(item.pairId) ?? []), item]);
  }
  for (const [pairId, members] of pairs) {
    if (members.length !== 2) {
      throw new CorefDataError(
        members[0]!.id,
        `pairId "${pairId}" is shared by ${members.length} item${members.length === 1 ? '' : 's'}; a pair needs exactly 2.`,
      );
    }
  }
  return items;
}

function parseItem(raw: unknown, index: number): CorefItem {
  const fallbackId = `#${index + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CorefDataError(fallbackId, 'an item must be a JSON object.');
  }
  const obj = raw as Record<string, unknown>;
  if (typeof obj.id !== 'string' || obj.id.trim() === '') {
    throw new CorefDataError(fallbackId, '"id" must be a non-empty string.');
  }
  const id = obj.id;
  if (typeof obj.text !== 'string' || obj.text.trim() === '') {
    throw new CorefDataError(id, '"text" must be a non-empty string.');
  }
  const text = obj.text;
  const pronoun = parseRef(obj.pronoun, id, 'pronoun');
  const antecedent = parseRef(obj.antecedent, id, 'antecedent');
  if (!Array.isArray(obj.candidates) || obj.candidates.length < 2) {
    throw new CorefDataError(id, '"candidates" must be an array of at least 2 words (the antecedent included).');
  }
  const candidates = (obj.candidates as unknown[]).map((c, i) => parseRef(c, id, `candidates[${i}]`));
  if (typeof obj.kind !== 'string' || !(COREF_KINDS as readonly string[]).includes(obj.kind)) {
    throw new CorefDataError(id, `"kind" must be one of ${COREF_KINDS.map((k) => `"${k}"`).join(', ')}.`);
  }
  const kind = obj.kind as CorefKind;
  let pairId: string | undefined;
  if (obj.pairId !== undefined) {
    if (typeof obj.pairId !== 'string' || obj.pairId.trim() === '') {
      throw new CorefDataError(id, '"pairId", when given, must be a non-empty string.');
    }
    pairId = obj.pairId;
  }
  const item: CorefItem = { id, text, pronoun, antecedent, candidates, kind, ...(pairId ? { pairId } : {}) };

  const resolved = resolveCorefItem(item);
  const same = (a: WordRef, b: WordRef): boolean =>
    normalizeWord(a.word) === normalizeWord(b.word) && a.occurrence === b.occurrence;
  if (!candidates.some((c) => same(c, antecedent))) {
    throw new CorefDataError(id, `the antecedent "${antecedent.word}" is not among the candidates.`);
  }
  const seen = new Set<number>();
  resolved.candidates.forEach((position, i) => {
    const c = candidates[i]!;
    if (seen.has(position)) throw new CorefDataError(id, `the candidate "${c.word}" is listed twice.`);
    seen.add(position);
    if (position >= resolved.pronoun) {
      throw new CorefDataError(id, `the candidate "${c.word}" does not come before the pronoun "${pronoun.word}".`);
    }
  });
  return item;
}

function parseRef(raw: unknown, id: string, role: string): WordRef {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CorefDataError(id, `"${role}" must be an object { "word": string, "occurrence": number }.`);
  }
  const { word, occurrence } = raw as Record<string, unknown>;
  if (typeof word !== 'string' || splitWords(word).length !== 1 || splitWords(word)[0] !== word.trim()) {
    throw new CorefDataError(
      id,
      `"${role}.word" must be a single word (no spaces or punctuation), got ${JSON.stringify(word)}.`,
    );
  }
  if (typeof occurrence !== 'number' || !Number.isInteger(occurrence) || occurrence < 1) {
    throw new CorefDataError(
      id,
      `"${role}.occurrence" must be a whole number from 1 up, got ${JSON.stringify(occurrence)}.`,
    );
  }
  return { word: word.trim(), occurrence };
}
