/**
 * Model families as data. Everything the app needs to know about how a model family writes its
 * input — its special tokens and their ids, its mask token, where a word starts, how a word's text
 * is written, whether it reads token type ids, how a sentence pair is joined — is read once from
 * the model's config.json, tokenizer.json and tokenizer_config.json into a `ModelFamily`. Analysis
 * code asks the descriptor; it never recognises a family by the text of its tokens.
 *
 * The descriptor is plain data (it crosses the worker boundary inside ModelInfo); the functions
 * below it are pure.
 */

/** The roles special tokens play. `cls` is BERT's [CLS] or RoBERTa's <s> (bos), `sep` is [SEP] or </s> (eos). */
export type SpecialRole = 'cls' | 'sep' | 'pad' | 'unk' | 'mask';

export interface SpecialTokenRef {
  text: string;
  id: number;
}

/**
 * Where a word starts. WordPiece marks the pieces that continue a word ('##'); byte-level BPE
 * ('Ġ', RoBERTa) and SentencePiece/Unigram/Metaspace ('▁', ALBERT, XLM-R) mark the pieces that
 * start one. Byte-level pieces spell bytes, not characters, and must be decoded.
 */
export type WordBoundary =
  | { kind: 'continuation'; prefix: string }
  | { kind: 'word-start'; marker: string; byteLevel: boolean; addPrefixSpace: boolean };

/** One element of a post-processor template: a special token, or sentence A (0) or B (1). */
export type TemplatePart =
  { kind: 'special'; token: SpecialTokenRef; typeId: number } | { kind: 'sequence'; which: 0 | 1; typeId: number };

export interface PairTemplate {
  single: TemplatePart[];
  pair: TemplatePart[];
}

export type TokenizerKind = 'wordpiece' | 'byte-level-bpe' | 'bpe' | 'sentencepiece';

export interface ModelFamily {
  /** config.json's model_type, e.g. "bert", "roberta", "xlm-roberta". */
  modelType: string;
  tokenizer: TokenizerKind;
  /** The special tokens by role (a role the model lacks is absent). */
  tokens: Partial<Record<SpecialRole, SpecialTokenRef>>;
  /** Ids of the structural special tokens ([CLS], [SEP], [PAD], <s>, </s>…); [MASK] and [UNK] stand for words and are not here. */
  specialIds: number[];
  boundary: WordBoundary;
  /** Whether the tokenizer lowercases its input (uncased models). */
  lowercase: boolean;
  /** Whether the model reads token type ids (type_vocab_size > 1); RoBERTa, DistilBERT and XLM-R do not. */
  tokenTypeIds: boolean;
  /** How one sentence and a pair are written, from the post-processor. */
  template: PairTemplate;
  /** Position ids start here (RoBERTa-style models count from padding_idx + 1). */
  positionOffset: number;
}

/** What a person may type for a mask in any family; the engine reads it as the family's own mask token. */
export const MASK_PLACEHOLDER = '[MASK]';

/** Model types whose position table starts at padding_idx + 1 (fairseq's learned positions). */
const PADDING_OFFSET_POSITIONS = new Set(['roberta', 'xlm-roberta', 'xlm-roberta-xl', 'camembert', 'data2vec-text']);

export class FamilyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FamilyError';
  }
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** A tokenizer_config token entry: a string, or an AddedToken object { content }. */
function tokenText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const content = obj(value).content;
  return typeof content === 'string' ? content : null;
}

/** The tokenizer model's vocabulary as text → id (WordPiece/BPE object, Unigram [piece, score] list). */
function vocabLookup(model: Json): (text: string) => number | undefined {
  const vocab = model.vocab;
  if (Array.isArray(vocab)) {
    const map = new Map<string, number>();
    vocab.forEach((entry, id) => {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && !map.has(entry[0])) map.set(entry[0], id);
    });
    return (text) => map.get(text);
  }
  const table = obj(vocab);
  return (text) => (typeof table[text] === 'number' ? table[text] : undefined);
}

function normalizerLowercases(normalizer: unknown): boolean {
  const n = obj(normalizer);
  if (n.type === 'BertNormalizer') return n.lowercase === true;
  if (n.type === 'Lowercase') return true;
  if (n.type === 'Sequence' && Array.isArray(n.normalizers)) return n.normalizers.some(normalizerLowercases);
  return false;
}

/** The pre-tokenizer of a given type, looking inside Sequence pre-tokenizers. */
function findPart(part: unknown, listKey: string, types: string[]): Json | null {
  const p = obj(part);
  if (typeof p.type === 'string' && types.includes(p.type)) return p;
  if (p.type === 'Sequence' && Array.isArray(p[listKey])) {
    for (const inner of p[listKey] as unknown[]) {
      const found = findPart(inner, listKey, types);
      if (found) return found;
    }
  }
  return null;
}

function boundaryOf(tokenizerJson: Json): { kind: TokenizerKind; boundary: WordBoundary } {
  const model = obj(tokenizerJson.model);
  if (model.type === 'WordPiece') {
    const prefix = typeof model.continuing_subword_prefix === 'string' ? model.continuing_subword_prefix : '##';
    return { kind: 'wordpiece', boundary: { kind: 'continuation', prefix } };
  }
  const byteLevel = findPart(tokenizerJson.pre_tokenizer, 'pretokenizers', ['ByteLevel']);
  if (byteLevel) {
    return {
      kind: 'byte-level-bpe',
      boundary: {
        kind: 'word-start',
        marker: 'Ġ',
        byteLevel: true,
        addPrefixSpace: byteLevel.add_prefix_space === true,
      },
    };
  }
  const metaspace = findPart(tokenizerJson.pre_tokenizer, 'pretokenizers', ['Metaspace']);
  if (metaspace || model.type === 'Unigram') {
    const marker = typeof metaspace?.replacement === 'string' ? metaspace.replacement : '▁';
    const scheme = metaspace?.prepend_scheme;
    const addPrefixSpace = scheme === undefined ? metaspace?.add_prefix_space !== false : scheme !== 'never';
    return {
      kind: model.type === 'Unigram' ? 'sentencepiece' : 'bpe',
      boundary: { kind: 'word-start', marker, byteLevel: false, addPrefixSpace },
    };
  }
  if (model.type === 'BPE') {
    throw new FamilyError(
      'tokenizer.json describes a BPE tokenizer without a byte-level or metaspace pre-tokenizer, so word boundaries cannot be read from it.',
    );
  }
  throw new FamilyError(
    `tokenizer.json has a tokenizer model of type "${String(model.type)}", which is not supported.`,
  );
}

/**
 * Builds the descriptor from the three files (parsed JSON). Throws FamilyError with a sentence a
 * person can act on when the files do not say enough.
 */
export function buildModelFamily(
  configJson: unknown,
  tokenizerJson: unknown,
  tokenizerConfigJson: unknown,
): ModelFamily {
  const config = obj(configJson);
  const tok = obj(tokenizerJson);
  const tokConfig = obj(tokenizerConfigJson);
  const model = obj(tok.model);
  const fromVocab = vocabLookup(model);
  const added = new Map<string, { id: number; special: boolean }>();
  if (Array.isArray(tok.added_tokens)) {
    for (const entry of tok.added_tokens as unknown[]) {
      const e = obj(entry);
      if (typeof e.content === 'string' && typeof e.id === 'number') {
        added.set(e.content, { id: e.id, special: e.special === true });
      }
    }
  }
  const idOf = (text: string): number | undefined => added.get(text)?.id ?? fromVocab(text);
  const ref = (text: string | null): SpecialTokenRef | undefined => {
    if (text === null) return undefined;
    const id = idOf(text);
    return id === undefined ? undefined : { text, id };
  };

  const processor =
    findPart(tok.post_processor, 'processors', ['TemplateProcessing', 'RobertaProcessing', 'BertProcessing']) ?? {};
  const pairOf = (value: unknown): SpecialTokenRef | undefined =>
    Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number'
      ? { text: value[0], id: value[1] }
      : undefined;

  const tokens: Partial<Record<SpecialRole, SpecialTokenRef>> = {};
  const set = (role: SpecialRole, value: SpecialTokenRef | undefined): void => {
    if (value && !tokens[role]) tokens[role] = value;
  };
  set('cls', ref(tokenText(tokConfig.cls_token)));
  set('cls', pairOf(processor.cls));
  set('cls', ref(tokenText(tokConfig.bos_token)));
  set('sep', ref(tokenText(tokConfig.sep_token)));
  set('sep', pairOf(processor.sep));
  set('sep', ref(tokenText(tokConfig.eos_token)));
  set('pad', ref(tokenText(tokConfig.pad_token)));
  set('unk', ref(tokenText(tokConfig.unk_token)));
  if (typeof model.unk_token === 'string') set('unk', ref(model.unk_token));
  if (typeof model.unk_id === 'number') {
    const entry = Array.isArray(model.vocab) ? (model.vocab as unknown[])[model.unk_id] : undefined;
    if (Array.isArray(entry) && typeof entry[0] === 'string') set('unk', { text: entry[0], id: model.unk_id });
  }
  set('mask', ref(tokenText(tokConfig.mask_token)));

  const template = templateOf(processor, (text) => ref(text));
  // Structural specials: those the template writes, the pad, and any other special added token
  // except the mask and unknown tokens, which stand for words of the text.
  const structural = new Set<number>();
  for (const part of [...template.single, ...template.pair]) if (part.kind === 'special') structural.add(part.token.id);
  for (const role of ['cls', 'sep', 'pad'] as const) if (tokens[role]) structural.add(tokens[role].id);
  for (const { id, special } of added.values()) if (special) structural.add(id);
  if (tokens.mask) structural.delete(tokens.mask.id);
  if (tokens.unk) structural.delete(tokens.unk.id);

  const { kind, boundary } = boundaryOf(tok);
  const modelType = typeof config.model_type === 'string' ? config.model_type : 'unknown';
  const typeVocab = typeof config.type_vocab_size === 'number' ? config.type_vocab_size : 0;
  const padId = typeof config.pad_token_id === 'number' ? config.pad_token_id : (tokens.pad?.id ?? 1);
  return {
    modelType,
    tokenizer: kind,
    tokens,
    specialIds: [...structural].sort((a, b) => a - b),
    boundary,
    lowercase: normalizerLowercases(tok.normalizer) || tokConfig.do_lower_case === true,
    tokenTypeIds: typeVocab > 1,
    template,
    positionOffset: PADDING_OFFSET_POSITIONS.has(modelType) ? padId + 1 : 0,
  };
}

function templateOf(processor: Json, ref: (text: string) => SpecialTokenRef | undefined): PairTemplate {
  const special = (token: SpecialTokenRef | undefined, typeId: number): TemplatePart[] =>
    token ? [{ kind: 'special', token, typeId }] : [];
  const seq = (which: 0 | 1, typeId: number): TemplatePart => ({ kind: 'sequence', which, typeId });
  if (processor.type === 'TemplateProcessing') {
    const table = obj(processor.special_tokens);
    const parts = (list: unknown): TemplatePart[] =>
      (Array.isArray(list) ? list : []).flatMap((raw): TemplatePart[] => {
        const item = obj(raw);
        if (item.SpecialToken) {
          const { id, type_id } = obj(item.SpecialToken);
          const entry = obj(table[String(id)]);
          const ids = Array.isArray(entry.ids) ? (entry.ids as number[]) : [];
          const texts = Array.isArray(entry.tokens) ? (entry.tokens as string[]) : [];
          const typeId = typeof type_id === 'number' ? type_id : 0;
          if (ids.length === 0) return special(ref(String(id)), typeId);
          return ids.map((tokenId, i) => ({
            kind: 'special',
            token: { text: texts[i] ?? String(id), id: tokenId },
            typeId,
          }));
        }
        const { id, type_id } = obj(item.Sequence);
        return [seq(id === 'B' ? 1 : 0, typeof type_id === 'number' ? type_id : 0)];
      });
    return { single: parts(processor.single), pair: parts(processor.pair) };
  }
  const pairRef = (value: unknown): SpecialTokenRef | undefined =>
    Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'number'
      ? { text: value[0], id: value[1] }
      : undefined;
  const cls = pairRef(processor.cls);
  const sep = pairRef(processor.sep);
  if (processor.type === 'RobertaProcessing') {
    return {
      single: [...special(cls, 0), seq(0, 0), ...special(sep, 0)],
      pair: [...special(cls, 0), seq(0, 0), ...special(sep, 0), ...special(sep, 0), seq(1, 0), ...special(sep, 0)],
    };
  }
  if (processor.type === 'BertProcessing') {
    return {
      single: [...special(cls, 0), seq(0, 0), ...special(sep, 0)],
      pair: [...special(cls, 0), seq(0, 0), ...special(sep, 0), seq(1, 1), ...special(sep, 1)],
    };
  }
  // No post-processor: the text goes in as it is.
  return { single: [seq(0, 0)], pair: [seq(0, 0), seq(1, 1)] };
}

/** The template as a person reads it: "[CLS] A [SEP] B [SEP]" or "<s> A </s></s> B </s>". */
export function templateText(parts: readonly TemplatePart[]): string {
  let out = '';
  let previous: TemplatePart['kind'] | null = null;
  for (const part of parts) {
    const text = part.kind === 'special' ? part.token.text : part.which === 0 ? 'A' : 'B';
    if (previous !== null && !(previous === 'special' && part.kind === 'special')) out += ' ';
    out += text;
    previous = part.kind;
  }
  return out;
}

/** A short description for people: "WordPiece (##), [CLS] A [SEP] B [SEP]". */
export function describeFamily(family: ModelFamily): string {
  const names: Record<TokenizerKind, string> = {
    wordpiece: 'WordPiece',
    'byte-level-bpe': 'byte-level BPE',
    bpe: 'BPE',
    sentencepiece: 'SentencePiece',
  };
  const marker = family.boundary.kind === 'continuation' ? family.boundary.prefix : family.boundary.marker;
  return `${names[family.tokenizer]} (${marker}), ${templateText(family.template.pair)}`;
}

// ——— Byte-level BPE (GPT-2's bytes_to_unicode) ———

let byteTable: { toByte: Map<string, number>; toChar: string[] } | null = null;

function bytesToUnicode(): { toByte: Map<string, number>; toChar: string[] } {
  if (byteTable) return byteTable;
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const toChar: string[] = new Array<string>(256);
  const toByte = new Map<string, number>();
  bs.forEach((b, i) => {
    const ch = String.fromCodePoint(cs[i]!);
    toChar[b] = ch;
    toByte.set(ch, b);
  });
  byteTable = { toByte, toChar };
  return byteTable;
}

const encoder = new TextEncoder();

/** The UTF-8 bytes a byte-level piece spells (a character outside the byte alphabet stands for itself). */
export function byteLevelBytes(piece: string): number[] {
  const { toByte } = bytesToUnicode();
  const out: number[] = [];
  for (const ch of piece) {
    const b = toByte.get(ch);
    if (b !== undefined) out.push(b);
    else out.push(...encoder.encode(ch));
  }
  return out;
}

/** Text as a byte-level vocabulary spells it: " is" → "Ġis". */
export function byteLevelSpell(text: string): string {
  const { toChar } = bytesToUnicode();
  return Array.from(encoder.encode(text), (b) => toChar[b]!).join('');
}

// ——— Words ———

/** Whether a (non-special) piece that follows another non-special piece starts a new word. */
export function startsWord(family: ModelFamily, piece: string): boolean {
  const b = family.boundary;
  if (b.kind === 'continuation') return !(piece.startsWith(b.prefix) && piece.length > b.prefix.length);
  return piece.startsWith(b.marker);
}

/**
 * Word indices for a sequence of pieces: -1 for special tokens, otherwise a running word number.
 * A piece right after a special token starts a word, and the mask token is a word of its own
 * (RoBERTa's "<mask>" carries no "Ġ", yet it stands for a whole word).
 */
export function assignWordIndices(
  family: ModelFamily,
  pieces: readonly string[],
  special: readonly boolean[],
  ids: readonly number[],
): number[] {
  const maskId = family.tokens.mask?.id;
  const split =
    family.boundary.kind === 'word-start' && family.boundary.byteLevel
      ? byteLevelSplits(
          pieces,
          pieces.map((_, i) => special[i]! || ids[i] === maskId),
        )
      : null;
  let word = -1;
  let boundary = true;
  return pieces.map((piece, i) => {
    if (special[i]) {
      boundary = true;
      return -1;
    }
    const isMask = ids[i] === maskId;
    if (boundary || isMask || startsWord(family, piece) || split?.[i]) word++;
    boundary = isMask;
    return word;
  });
}

/** The byte-level pre-tokenizer's pattern (GPT-2, RoBERTa): no piece crosses one of its cuts. */
const BYTE_LEVEL_WORDS = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/**
 * Where byte-level BPE starts a word without a space marker: at each cut of its pre-tokenizer,
 * which splits the text into runs of letters, of digits and of other symbols (each with at most
 * one leading space) and contractions. "mat." is "Ġmat" + ".", two words, as BERT's "mat" + "."
 * are; "It's" is "It" + "'s". Found by running the same pattern over the decoded text of each run
 * of pieces between special tokens (the tokenizer cuts the text at those first).
 */
function byteLevelSplits(pieces: readonly string[], breaks: readonly boolean[]): boolean[] {
  const splits = pieces.map(() => false);
  let from = 0;
  for (let i = 0; i <= pieces.length; i++) {
    if (i < pieces.length && !breaks[i]) continue;
    markCuts(pieces, from, i, splits);
    from = i + 1;
  }
  return splits;
}

function markCuts(pieces: readonly string[], from: number, to: number, splits: boolean[]): void {
  const starts = new Map<number, number>(); // byte offset → piece
  const bytes: number[] = [];
  for (let i = from; i < to; i++) {
    starts.set(bytes.length, i);
    bytes.push(...byteLevelBytes(pieces[i]!));
  }
  const text = new TextDecoder().decode(Uint8Array.from(bytes));
  if (encoder.encode(text).length !== bytes.length) return; // not whole UTF-8: no cuts beyond the markers
  let offset = 0;
  let chars = 0;
  for (const match of text.matchAll(BYTE_LEVEL_WORDS)) {
    offset += encoder.encode(text.slice(chars, match.index)).length;
    chars = match.index;
    const piece = starts.get(offset);
    if (piece !== undefined) splits[piece] = true;
  }
}

/**
 * The clean text of a word made of these pieces, in order: '##' dropped, 'Ġ'/'▁' word-start
 * markers dropped, byte-level pieces decoded as one UTF-8 string ("Ġcaf" + "Ã©" → "café").
 */
export function wordText(family: ModelFamily, pieces: readonly string[]): string {
  const b = family.boundary;
  if (b.kind === 'continuation') {
    return pieces
      .map((p, i) => (i > 0 && p.startsWith(b.prefix) && p.length > b.prefix.length ? p.slice(b.prefix.length) : p))
      .join('');
  }
  if (b.byteLevel) {
    const text = new TextDecoder().decode(Uint8Array.from(pieces.flatMap(byteLevelBytes)));
    return text.startsWith(' ') && text.length > 1 ? text.slice(1) : text;
  }
  const text = pieces.join('').split(b.marker).join(' ');
  return text.startsWith(' ') && text.length > 1 ? text.slice(1) : text;
}

/** One piece's own text, its word marker or continuation prefix dropped ("Ġ," → ",", "##ing" → "ing", "▁." → "."). */
export function cleanPiece(family: ModelFamily, piece: string): string {
  const b = family.boundary;
  if (b.kind === 'continuation') {
    return piece.startsWith(b.prefix) && piece.length > b.prefix.length ? piece.slice(b.prefix.length) : piece;
  }
  return wordText(family, [piece]);
}

/**
 * The clean text of each piece of a run of pieces, such that joining them gives the run's text
 * with word starts as single spaces. A character whose bytes span pieces (byte-level BPE) belongs
 * to the piece that completes it.
 */
export function pieceTexts(family: ModelFamily, pieces: readonly string[]): string[] {
  const b = family.boundary;
  if (b.kind === 'continuation') {
    return pieces.map((p, i) =>
      p.startsWith(b.prefix) && p.length > b.prefix.length ? p.slice(b.prefix.length) : i > 0 ? ` ${p}` : p,
    );
  }
  if (b.byteLevel) {
    const decoder = new TextDecoder();
    return pieces.map((p) => decoder.decode(Uint8Array.from(byteLevelBytes(p)), { stream: true }));
  }
  return pieces.map((p) => p.split(b.marker).join(' '));
}

/**
 * The text to encode so that a word comes out as it would in the middle of a sentence: byte-level
 * BPE without add_prefix_space needs the space (" is" → "Ġis", not "is").
 */
export function midSentenceText(family: ModelFamily, word: string): string {
  const b = family.boundary;
  const trimmed = word.trim();
  return b.kind === 'word-start' && b.byteLevel && !b.addPrefixSpace ? ` ${trimmed}` : trimmed;
}

// ——— Masks ———

/** The family's mask token text ([MASK], <mask>), or null when it has none. */
export function maskText(family: ModelFamily | null | undefined): string {
  return family?.tokens.mask?.text ?? MASK_PLACEHOLDER;
}

/** Text with every typed "[MASK]" written as the family's mask token ("<mask>" for RoBERTa). */
export function withFamilyMask(text: string, family: ModelFamily | null | undefined): string {
  const mask = maskText(family);
  return mask === MASK_PLACEHOLDER ? text : text.split(MASK_PLACEHOLDER).join(mask);
}

/** The role of a token id in this family, or null for an ordinary piece. */
export function specialRole(family: ModelFamily, id: number): SpecialRole | null {
  for (const role of ['cls', 'sep', 'pad', 'mask', 'unk'] as const) if (family.tokens[role]?.id === id) return role;
  return null;
}

/**
 * The descriptor that bert-base-uncased's files give (ids of its 30522-piece vocabulary). For
 * synthetic runs (benchmarks, tests) that have no model files; a loaded model always reads its own.
 */
export const BERT_UNCASED_FAMILY: ModelFamily = {
  modelType: 'bert',
  tokenizer: 'wordpiece',
  tokens: {
    cls: { text: '[CLS]', id: 101 },
    sep: { text: '[SEP]', id: 102 },
    pad: { text: '[PAD]', id: 0 },
    unk: { text: '[UNK]', id: 100 },
    mask: { text: '[MASK]', id: 103 },
  },
  specialIds: [0, 101, 102],
  boundary: { kind: 'continuation', prefix: '##' },
  lowercase: true,
  tokenTypeIds: true,
  template: {
    single: [
      { kind: 'special', token: { text: '[CLS]', id: 101 }, typeId: 0 },
      { kind: 'sequence', which: 0, typeId: 0 },
      { kind: 'special', token: { text: '[SEP]', id: 102 }, typeId: 0 },
    ],
    pair: [
      { kind: 'special', token: { text: '[CLS]', id: 101 }, typeId: 0 },
      { kind: 'sequence', which: 0, typeId: 0 },
      { kind: 'special', token: { text: '[SEP]', id: 102 }, typeId: 0 },
      { kind: 'sequence', which: 1, typeId: 1 },
      { kind: 'special', token: { text: '[SEP]', id: 102 }, typeId: 1 },
    ],
  },
  positionOffset: 0,
};

// ——— Showing pieces to people ———

/**
 * How every family's pieces are shown (head view, matrix, exported files, masked-LM guesses): a
 * piece that starts a word is written as plain text, its word-start marker ('Ġ', '▁') dropped and
 * byte-level pieces decoded; a piece that continues a word is written with this mark in front, the
 * way WordPiece writes it ("play ##ing" in BERT, RoBERTa and XLM-R alike). Special tokens, the mask
 * and the unknown token keep their own text. The raw piece stays available beside the label.
 */
export const CONTINUATION_MARK = '##';

/** A piece the model keeps as it is: a structural special, the mask or the unknown token. */
function keepsText(family: ModelFamily, id: number): boolean {
  return family.specialIds.includes(id) || id === family.tokens.mask?.id || id === family.tokens.unk?.id;
}

/** A piece's text without its word-start marker or continuation prefix; '' for a piece of bytes that completes no character. */
function bareText(family: ModelFamily, piece: string, decoder: TextDecoder | null): string {
  const b = family.boundary;
  if (b.kind === 'continuation') {
    return piece.startsWith(b.prefix) && piece.length > b.prefix.length ? piece.slice(b.prefix.length) : piece;
  }
  const text = b.byteLevel
    ? (decoder ?? new TextDecoder()).decode(Uint8Array.from(byteLevelBytes(piece)), { stream: decoder !== null })
    : piece.split(b.marker).join(' ');
  return text.replace(/^ +/, '');
}

/**
 * The readable label of each token of a run (see CONTINUATION_MARK): a piece continues a word when
 * it belongs to the same word as the piece before it (the engine's word indices, from the family's
 * word-boundary rule) and the word has shown text already. A character whose bytes span pieces is
 * shown on the piece that completes it; a piece that is only part of a character, or only a
 * marker (SentencePiece's lone '▁'), is shown raw.
 */
export function pieceLabels(
  family: ModelFamily,
  tokens: readonly { text: string; id: number; word: number; special: boolean }[],
): string[] {
  const byteLevel = family.boundary.kind === 'word-start' && family.boundary.byteLevel;
  let decoder: TextDecoder | null = null;
  let wordHasText = false;
  return tokens.map((token, i) => {
    const previous = i > 0 ? tokens[i - 1] : undefined;
    if (token.special || token.word < 0 || keepsText(family, token.id)) {
      decoder = null;
      wordHasText = false;
      return token.text;
    }
    const sameWord = previous !== undefined && !previous.special && previous.word === token.word;
    if (!sameWord || !decoder) decoder = byteLevel ? new TextDecoder() : null;
    if (!sameWord) wordHasText = false;
    const text = bareText(family, token.text, decoder);
    if (text === '') return token.text;
    const label = wordHasText ? `${CONTINUATION_MARK}${text}` : text;
    wordHasText = true;
    return label;
  });
}

/**
 * The readable label of one piece on its own (a masked-LM guess): marked as a continuation when,
 * written after a word, it would continue that word rather than start one.
 */
export function pieceLabel(family: ModelFamily, piece: string, id: number): string {
  if (keepsText(family, id)) return piece;
  const text = bareText(family, piece, null);
  if (text === '') return piece;
  return startsWord(family, piece) ? text : `${CONTINUATION_MARK}${text}`;
}

/** The family's names for its first and separator tokens, as the UI writes them: "[CLS]/[SEP]", "<s>/</s>". */
export function specialNames(family: ModelFamily | null | undefined): { cls: string; sep: string; both: string } {
  const cls = family?.tokens.cls?.text ?? '[CLS]';
  const sep = family?.tokens.sep?.text ?? '[SEP]';
  return { cls, sep, both: cls === sep ? cls : `${cls}/${sep}` };
}
