/**
 * Small tokenizer.json / tokenizer_config.json / config.json triples shaped like the real Hub repos
 * of each family (same sections, same special tokens and ids, same pre-tokenizers and
 * post-processors), with tiny vocabularies. transformers.js loads them like the real files. Tests only.
 */

export type FamilyName = 'bert-uncased' | 'mbert-cased' | 'distilbert' | 'electra' | 'roberta' | 'albert' | 'xlm-r';

export const FAMILY_NAMES: readonly FamilyName[] = [
  'bert-uncased',
  'mbert-cased',
  'distilbert',
  'electra',
  'roberta',
  'albert',
  'xlm-r',
];

export interface FamilyFiles {
  config: Record<string, unknown>;
  tokenizer: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}

/** Whole words in every vocabulary (lowercase; cased vocabularies also get them capitalised). */
const WORDS = [
  'the',
  'keys',
  'key',
  'to',
  'cabinet',
  'on',
  'table',
  'is',
  'are',
  'cat',
  'sat',
  'mat',
  'dog',
  'it',
  'was',
  'he',
  'she',
  'they',
  'a',
  'and',
  'ran',
  'because',
  'his',
  'her',
  'friend',
  'tired',
  'in',
  'of',
  'park',
  'saw',
  'man',
  'woman',
  'book',
  'read',
  'who',
  'that',
  'robin',
  'bird',
  'not',
  'nobody',
  'has',
  'ever',
  'seen',
  'ghost',
  'likes',
  'guard',
  'authors',
  'very',
  'tall',
  'did',
  'said',
  'lawyer',
  'asked',
  'witness',
  'question',
  'could',
  'answer',
  'ball',
  'boy',
  'girl',
  'gave',
  'them',
] as const;
/** Words the vocabularies split: "bertology" is "bert" + "ology". */
const SPLIT: [string, string][] = [
  ['bert', 'ology'],
  ['play', 'ing'],
  ['walk', 'ed'],
];
const PUNCT = [...'.,;:!?\'"()-'];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];
const NON_LATIN = ['москва', 'мир', '中', '文', 'é'];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Added {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

function added(id: number, content: string, lstrip = false): Added {
  return { id, content, single_word: false, lstrip, rstrip: false, normalized: false, special: true };
}

function template(cls: [string, number], sep: [string, number], pairTypeB: number, doubleSep: boolean) {
  const special = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const seq = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  return {
    type: 'TemplateProcessing',
    single: [special(cls[0], 0), seq('A', 0), special(sep[0], 0)],
    pair: [
      special(cls[0], 0),
      seq('A', 0),
      special(sep[0], 0),
      ...(doubleSep ? [special(sep[0], pairTypeB)] : []),
      seq('B', pairTypeB),
      special(sep[0], pairTypeB),
    ],
    special_tokens: {
      [cls[0]]: { id: cls[0], ids: [cls[1]], tokens: [cls[0]] },
      [sep[0]]: { id: sep[0], ids: [sep[1]], tokens: [sep[0]] },
    },
  };
}

// ——— WordPiece (BERT, mBERT, DistilBERT, ELECTRA) ———

function wordPiece(cased: boolean, modelType: string, tokenizerClass: string): FamilyFiles {
  const tokens: string[] = ['[PAD]'];
  for (let i = 1; i < 100; i++) tokens.push(`[unused${i - 1}]`);
  tokens.push('[UNK]', '[CLS]', '[SEP]', '[MASK]');
  const add = (t: string) => {
    if (!tokens.includes(t)) tokens.push(t);
  };
  for (const p of [...PUNCT, ...DIGITS, ...LETTERS]) add(p);
  for (const l of LETTERS) add(`##${l}`);
  if (cased) for (const l of LETTERS) add(l.toUpperCase());
  for (const w of WORDS) {
    add(w);
    if (cased) add(capitalise(w));
  }
  for (const [a, b] of SPLIT) {
    add(a);
    add(`##${b}`);
  }
  if (cased) {
    for (const w of NON_LATIN) add(w);
    add('Москва');
    for (const ch of 'москваирé') add(`##${ch}`);
  }
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => (vocab[t] = i));
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      added(0, '[PAD]'),
      added(100, '[UNK]'),
      added(101, '[CLS]'),
      added(102, '[SEP]'),
      added(103, '[MASK]'),
    ],
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: !cased,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: template(['[CLS]', 101], ['[SEP]', 102], 1, false),
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
  const tokenizerConfig = {
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]',
    do_lower_case: !cased,
    mask_token: '[MASK]',
    model_max_length: 512,
    pad_token: '[PAD]',
    sep_token: '[SEP]',
    strip_accents: null,
    tokenize_chinese_chars: true,
    tokenizer_class: tokenizerClass,
    unk_token: '[UNK]',
  };
  const shape =
    modelType === 'distilbert'
      ? { dim: 32, n_heads: 2, n_layers: 2, hidden_dim: 64, sinusoidal_pos_embds: false }
      : { hidden_size: 32, num_attention_heads: 2, num_hidden_layers: 2, intermediate_size: 64, type_vocab_size: 2 };
  const config = {
    model_type: modelType,
    vocab_size: tokens.length,
    max_position_embeddings: 512,
    pad_token_id: 0,
    ...shape,
  };
  return { config, tokenizer, tokenizerConfig };
}

// ——— Byte-level BPE (RoBERTa) ———

function byteAlphabet(): string[] {
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
  return cs.map((c) => String.fromCodePoint(c));
}

function roberta(): FamilyFiles {
  const tokens = ['<s>', '<pad>', '</s>', '<unk>', ...byteAlphabet()];
  const merges: string[] = [];
  const seen = new Set<string>();
  const add = (t: string) => {
    if (!tokens.includes(t)) tokens.push(t);
  };
  // Left-to-right merges build each unit: "Ġ t" → "Ġt", "Ġt h" → "Ġth", "Ġth e" → "Ġthe".
  const build = (unit: string) => {
    const chars = [...unit];
    let left = chars[0]!;
    for (const ch of chars.slice(1)) {
      const merge = `${left} ${ch}`;
      if (!seen.has(merge)) {
        seen.add(merge);
        merges.push(merge);
      }
      left += ch;
      add(left);
    }
  };
  for (const w of WORDS) {
    build(`Ġ${w}`);
    build(`Ġ${capitalise(w)}`);
    build(capitalise(w));
  }
  for (const [a, b] of SPLIT) {
    build(`Ġ${a}`);
    build(b);
  }
  tokens.push('<mask>');
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => (vocab[t] = i));
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      added(0, '<s>'),
      added(1, '<pad>'),
      added(2, '</s>'),
      added(3, '<unk>'),
      added(tokens.length - 1, '<mask>', true),
    ],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: {
      type: 'RobertaProcessing',
      sep: ['</s>', 2],
      cls: ['<s>', 0],
      trim_offsets: true,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
  const tokenizerConfig = {
    add_prefix_space: false,
    bos_token: '<s>',
    clean_up_tokenization_spaces: true,
    cls_token: '<s>',
    eos_token: '</s>',
    errors: 'replace',
    mask_token: {
      __type: 'AddedToken',
      content: '<mask>',
      lstrip: true,
      normalized: false,
      rstrip: false,
      single_word: false,
    },
    model_max_length: 512,
    pad_token: '<pad>',
    sep_token: '</s>',
    tokenizer_class: 'RobertaTokenizer',
    trim_offsets: true,
    unk_token: '<unk>',
  };
  const config = {
    model_type: 'roberta',
    vocab_size: tokens.length,
    hidden_size: 32,
    num_attention_heads: 2,
    num_hidden_layers: 2,
    intermediate_size: 64,
    max_position_embeddings: 514,
    type_vocab_size: 1,
    pad_token_id: 1,
    bos_token_id: 0,
    eos_token_id: 2,
  };
  return { config, tokenizer, tokenizerConfig };
}

// ——— SentencePiece / Unigram (ALBERT, XLM-R) ———

function unigram(kind: 'albert' | 'xlm-r'): FamilyFiles {
  const specials =
    kind === 'albert' ? ['<pad>', '<unk>', '[CLS]', '[SEP]', '[MASK]'] : ['<s>', '<pad>', '</s>', '<unk>'];
  const vocab: [string, number][] = specials.map((s) => [s, 0]);
  const has = new Set<string>(specials);
  const add = (piece: string, score: number) => {
    if (has.has(piece)) return;
    has.add(piece);
    vocab.push([piece, score]);
  };
  add('▁', -3);
  for (const ch of [...PUNCT, ...DIGITS, ...LETTERS]) add(ch, -8);
  if (kind === 'xlm-r') for (const l of LETTERS) add(l.toUpperCase(), -9);
  for (const w of WORDS) {
    add(`▁${w}`, -4 - w.length / 10);
    if (kind === 'xlm-r') add(`▁${capitalise(w)}`, -4.5);
  }
  for (const [a, b] of SPLIT) {
    add(`▁${a}`, -5);
    add(b, -5);
  }
  if (kind === 'xlm-r') {
    for (const w of NON_LATIN) add(w.length > 1 ? `▁${w}` : w, -6);
    add('▁Москва', -6);
    for (const ch of 'москваирМ') add(ch, -9);
  }
  const unkId = specials.indexOf('<unk>');
  let maskId: number;
  if (kind === 'xlm-r') {
    vocab.push(['<mask>', 0]);
    maskId = vocab.length - 1;
  } else {
    maskId = 4;
  }
  const [cls, sep] = kind === 'albert' ? (['[CLS]', '[SEP]'] as const) : (['<s>', '</s>'] as const);
  const clsId = specials.indexOf(cls);
  const sepId = specials.indexOf(sep);
  const addedTokens =
    kind === 'albert'
      ? [added(0, '<pad>'), added(1, '<unk>'), added(2, '[CLS]'), added(3, '[SEP]'), added(4, '[MASK]', true)]
      : [added(0, '<s>'), added(1, '<pad>'), added(2, '</s>'), added(3, '<unk>'), added(maskId, '<mask>', true)];
  const normalizer =
    kind === 'albert'
      ? {
          type: 'Sequence',
          normalizers: [
            { type: 'Replace', pattern: { String: '``' }, content: '"' },
            { type: 'Replace', pattern: { String: "''" }, content: '"' },
            { type: 'NFKD' },
            { type: 'StripAccents' },
            { type: 'Lowercase' },
          ],
        }
      : { type: 'Sequence', normalizers: [{ type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] };
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'WhitespaceSplit' },
        { type: 'Metaspace', replacement: '▁', add_prefix_space: true, prepend_scheme: 'always', split: true },
      ],
    },
    post_processor: template([cls, clsId], [sep, sepId], kind === 'albert' ? 1 : 0, kind === 'xlm-r'),
    decoder: { type: 'Metaspace', replacement: '▁', add_prefix_space: true, prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: unkId, vocab, byte_fallback: false },
  };
  const tokenizerConfig =
    kind === 'albert'
      ? {
          bos_token: '[CLS]',
          cls_token: '[CLS]',
          do_lower_case: true,
          eos_token: '[SEP]',
          keep_accents: false,
          mask_token: {
            __type: 'AddedToken',
            content: '[MASK]',
            lstrip: true,
            normalized: false,
            rstrip: false,
            single_word: false,
          },
          model_max_length: 512,
          pad_token: '<pad>',
          remove_space: true,
          sep_token: '[SEP]',
          tokenizer_class: 'AlbertTokenizer',
          unk_token: '<unk>',
        }
      : {
          bos_token: '<s>',
          cls_token: '<s>',
          eos_token: '</s>',
          mask_token: {
            __type: 'AddedToken',
            content: '<mask>',
            lstrip: true,
            normalized: true,
            rstrip: false,
            single_word: false,
          },
          model_max_length: 512,
          pad_token: '<pad>',
          sep_token: '</s>',
          tokenizer_class: 'XLMRobertaTokenizer',
          unk_token: '<unk>',
        };
  const config =
    kind === 'albert'
      ? {
          model_type: 'albert',
          vocab_size: vocab.length,
          embedding_size: 16,
          hidden_size: 32,
          num_attention_heads: 2,
          num_hidden_layers: 2,
          intermediate_size: 64,
          max_position_embeddings: 512,
          type_vocab_size: 2,
          pad_token_id: 0,
          bos_token_id: 2,
          eos_token_id: 3,
        }
      : {
          model_type: 'xlm-roberta',
          vocab_size: vocab.length,
          hidden_size: 32,
          num_attention_heads: 2,
          num_hidden_layers: 2,
          intermediate_size: 64,
          max_position_embeddings: 514,
          type_vocab_size: 1,
          pad_token_id: 1,
          bos_token_id: 0,
          eos_token_id: 2,
        };
  return { config, tokenizer, tokenizerConfig };
}

const cache = new Map<FamilyName, FamilyFiles>();

/** The three files of a family, built once per process. Treat the result as read-only. */
export function familyFiles(name: FamilyName): FamilyFiles {
  let files = cache.get(name);
  if (!files) {
    files =
      name === 'bert-uncased'
        ? wordPiece(false, 'bert', 'BertTokenizer')
        : name === 'mbert-cased'
          ? wordPiece(true, 'bert', 'BertTokenizer')
          : name === 'distilbert'
            ? wordPiece(false, 'distilbert', 'DistilBertTokenizer')
            : name === 'electra'
              ? wordPiece(false, 'electra', 'ElectraTokenizer')
              : name === 'roberta'
                ? roberta()
                : unigram(name === 'albert' ? 'albert' : 'xlm-r');
    cache.set(name, files);
  }
  return files;
}
