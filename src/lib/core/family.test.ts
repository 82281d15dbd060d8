/**
 * The model-family descriptor, read from files shaped like each family's Hub repo, and what the
 * engine's tokenisation makes of it: specials, mask, word starts, token types, pair templates.
 */
import { describe, expect, it } from 'vitest';
import {
  BERT_UNCASED_FAMILY,
  buildModelFamily,
  byteLevelBytes,
  byteLevelSpell,
  describeFamily,
  FamilyError,
  pieceLabel,
  pieceLabels,
  specialNames,
  templateText,
  wordText,
} from './family';
import { FAMILY_NAMES, familyFiles, type FamilyName } from './testing/familyFiles';
import { familyOf, familyTokenizer, familyTokens } from '../../../workers/engine/testing/familyTokenizer';
import { encodeInput, pinnedTokenId } from '../../../workers/engine/tokenize';

interface Expected {
  cls: string;
  sep: string;
  mask: string;
  pad: string;
  unk: string;
  kind: string;
  marker: string;
  tokenTypeIds: boolean;
  pair: string;
  positionOffset: number;
  lowercase: boolean;
}

const WORDPIECE = {
  cls: '[CLS]',
  sep: '[SEP]',
  mask: '[MASK]',
  pad: '[PAD]',
  unk: '[UNK]',
  kind: 'wordpiece',
  marker: '##',
};
const BERT_PAIR = '[CLS] A [SEP] B [SEP]';
const EXPECTED: Record<FamilyName, Expected> = {
  'bert-uncased': { ...WORDPIECE, tokenTypeIds: true, pair: BERT_PAIR, positionOffset: 0, lowercase: true },
  'mbert-cased': { ...WORDPIECE, tokenTypeIds: true, pair: BERT_PAIR, positionOffset: 0, lowercase: false },
  distilbert: { ...WORDPIECE, tokenTypeIds: false, pair: BERT_PAIR, positionOffset: 0, lowercase: true },
  electra: { ...WORDPIECE, tokenTypeIds: true, pair: BERT_PAIR, positionOffset: 0, lowercase: true },
  roberta: {
    cls: '<s>',
    sep: '</s>',
    mask: '<mask>',
    pad: '<pad>',
    unk: '<unk>',
    kind: 'byte-level-bpe',
    marker: 'Ġ',
    tokenTypeIds: false,
    pair: '<s> A </s></s> B </s>',
    positionOffset: 2,
    lowercase: false,
  },
  albert: {
    cls: '[CLS]',
    sep: '[SEP]',
    mask: '[MASK]',
    pad: '<pad>',
    unk: '<unk>',
    kind: 'sentencepiece',
    marker: '▁',
    tokenTypeIds: true,
    pair: BERT_PAIR,
    positionOffset: 0,
    lowercase: true,
  },
  'xlm-r': {
    cls: '<s>',
    sep: '</s>',
    mask: '<mask>',
    pad: '<pad>',
    unk: '<unk>',
    kind: 'sentencepiece',
    marker: '▁',
    tokenTypeIds: false,
    pair: '<s> A </s></s> B </s>',
    positionOffset: 2,
    lowercase: false,
  },
};

describe.each(FAMILY_NAMES)('the %s family', (name) => {
  const expected = EXPECTED[name];
  const files = familyFiles(name);
  const family = buildModelFamily(files.config, files.tokenizer, files.tokenizerConfig);
  const { core } = familyTokenizer(name);

  it('reads its special tokens, with the ids its vocabulary gives them', () => {
    for (const role of ['cls', 'sep', 'mask', 'pad', 'unk'] as const) {
      const token = family.tokens[role]!;
      expect(token.text).toBe(expected[role]);
      expect(core.token_to_id(token.text)).toBe(token.id);
    }
    // The structural specials are cls, sep and pad; mask and unk stand for words.
    const structural = [family.tokens.cls!.id, family.tokens.sep!.id, family.tokens.pad!.id];
    expect(family.specialIds).toEqual([...new Set(structural)].sort((a, b) => a - b));
  });

  it('reads its word-boundary rule, token types, pair template and position offset', () => {
    expect(family.tokenizer).toBe(expected.kind);
    const b = family.boundary;
    expect(b.kind === 'continuation' ? b.prefix : b.marker).toBe(expected.marker);
    expect(family.tokenTypeIds).toBe(expected.tokenTypeIds);
    expect(templateText(family.template.pair)).toBe(expected.pair);
    expect(family.positionOffset).toBe(expected.positionOffset);
    expect(family.lowercase).toBe(expected.lowercase);
    expect(describeFamily(family)).toContain(expected.pair);
  });

  it.each([
    ['a sentence', 'The keys to the cabinet are on the table.', undefined],
    ['a pair', 'The keys to the cabinet are on the table.', 'It is playing, bertology.'],
  ])('joins %s as its own tokenizer does (ids and token types)', (_, text, pair) => {
    const encoded = encodeInput(familyTokenizer(name), text, pair, 512);
    const reference = core.encode(text, { text_pair: pair ?? null, return_token_type_ids: true });
    expect(encoded.inputIds).toEqual(reference.ids);
    // Families without token types are fed zeros whatever their template says.
    expect(encoded.tokenTypeIds).toEqual(family.tokenTypeIds ? reference.token_type_ids : reference.ids.map(() => 0));
    // Specials are found by id; segments follow the template (A, then B after the separator(s)).
    const special = encoded.tokens.filter((t) => t.special).map((t) => t.id);
    expect(special.every((id) => family.specialIds.includes(id))).toBe(true);
    expect(encoded.tokens.filter((t) => !t.special).some((t) => family.specialIds.includes(t.id))).toBe(false);
    if (pair) {
      const firstB = encoded.tokens.findIndex((t) => t.segment === 1);
      expect(encoded.tokens[firstB - 1]!.special).toBe(true);
      expect(encoded.tokens.slice(firstB).every((t) => t.segment === 1)).toBe(true);
    }
  });

  it('reads a typed [MASK] as its own mask token, a word of its own', () => {
    const tokens = familyTokens(name, 'The keys to the cabinet [MASK] on the table.');
    const masks = tokens.filter((t) => t.id === family.tokens.mask!.id);
    expect(masks).toHaveLength(1);
    const i = tokens.indexOf(masks[0]!);
    expect(masks[0]!.special).toBe(false);
    expect(tokens[i - 1]!.word).not.toBe(masks[0]!.word);
    expect(tokens[i + 1]!.word).not.toBe(masks[0]!.word);
  });

  it('pins a word as the piece that fills a mask mid-sentence', () => {
    const pinned = pinnedTokenId(familyTokenizer(name), 'is');
    expect(pinned.id).not.toBeNull();
    const piece = core.id_to_token(pinned.id!)!;
    // The same piece the tokenizer makes of "is" inside a sentence.
    const inSentence = familyTokens(name, 'The keys is here.').find((t) => wordText(family, [t.text]) === 'is');
    expect(piece).toBe(inSentence!.text);
    const split = pinnedTokenId(familyTokenizer(name), 'bertology');
    expect(split.id).toBeNull();
    expect(split.note).toContain(`one ${family.tokens.mask!.text} holds one piece`);
  });

  it('cuts a long pair longest-first and keeps every template token', () => {
    const long = Array.from({ length: 40 }, () => 'the cat').join(' ');
    const encoded = encodeInput(familyTokenizer(name), long, 'it is', 20);
    expect(encoded.inputIds).toHaveLength(20);
    const specials = family.template.pair.filter((p) => p.kind === 'special').length;
    expect(encoded.tokens.filter((t) => t.special)).toHaveLength(specials);
    expect(encoded.tokens.filter((t) => t.segment === 1 && !t.special).length).toBeGreaterThan(0);
    const pieces = (t: string) => core.encode(t, { add_special_tokens: false, return_token_type_ids: true }).ids.length;
    expect(encoded.truncatedTokens).toBe(pieces(long) + pieces('it is') - (20 - specials));
    // B is short, so only A was cut: all of B is kept.
    expect(encoded.tokens.filter((t) => t.segment === 1 && !t.special)).toHaveLength(pieces('it is'));
  });
});

describe('byte-level BPE text', () => {
  it('spells and decodes bytes as GPT-2 does', () => {
    expect(byteLevelSpell(' is')).toBe('Ġis');
    expect(byteLevelSpell('\n')).toBe('Ċ');
    expect(byteLevelSpell('café')).toBe('cafÃ©');
    expect(byteLevelBytes('Ġ')).toEqual([32]);
  });

  it('writes a word’s clean text across pieces that split a character', () => {
    const roberta = familyOf('roberta');
    expect(wordText(roberta, ['Ġcaf', 'Ã', '©'])).toBe('café');
    expect(wordText(roberta, ['The'])).toBe('The');
  });

  it('keeps the prefix of a word that starts with a continuation piece, and strips it after', () => {
    expect(wordText(BERT_UNCASED_FAMILY, ['##s'])).toBe('##s');
    expect(wordText(BERT_UNCASED_FAMILY, ['bert', '##ology'])).toBe('bertology');
    expect(wordText(familyOf('xlm-r'), ['▁play', 'ing'])).toBe('playing');
  });
});

describe('buildModelFamily', () => {
  it('says what is wrong with a tokenizer it cannot read', () => {
    expect(() => buildModelFamily({}, { model: { type: 'WordLevel', vocab: {} } }, {})).toThrow(FamilyError);
    expect(() => buildModelFamily({}, { model: { type: 'BPE', vocab: {}, merges: [] } }, {})).toThrow(
      /word boundaries cannot be read/,
    );
  });

  it('matches the bundled BERT descriptor for synthetic runs', () => {
    const files = familyFiles('bert-uncased');
    const read = buildModelFamily(files.config, files.tokenizer, files.tokenizerConfig);
    expect(read).toEqual(BERT_UNCASED_FAMILY);
  });
});

describe('readable pieces', () => {
  const TEXT = 'The keys to the cabinet [MASK] on the table, bertology café.';
  const PAIR = 'It is playing.';
  /** What a person reads in every family: no word-start markers, continuations as "##" (hand-written). */
  const SHOWN: Record<FamilyName, string> = {
    'bert-uncased':
      '[CLS] the keys to the cabinet [MASK] on the table , bert ##ology c ##a ##f ##e . [SEP] it is play ##ing . [SEP]',
    'mbert-cased':
      '[CLS] The keys to the cabinet [MASK] on the table , bert ##ology c ##a ##f ##é . [SEP] It is play ##ing . [SEP]',
    distilbert:
      '[CLS] the keys to the cabinet [MASK] on the table , bert ##ology c ##a ##f ##e . [SEP] it is play ##ing . [SEP]',
    electra:
      '[CLS] the keys to the cabinet [MASK] on the table , bert ##ology c ##a ##f ##e . [SEP] it is play ##ing . [SEP]',
    // Byte-level: "é" is two byte pieces; the first completes no character and stays raw.
    // Its pre-tokenizer cuts "table," and "café." before the punctuation: a word of its own, as in BERT.
    roberta:
      '<s> The keys to the cabinet <mask> on the table , bert ##ology ca ##f Ã ##é . </s> </s> It is play ##ing . </s>',
    // SentencePiece: a lone "▁" is shown raw, and the word it starts begins at the next piece.
    albert:
      '[CLS] the keys to the cabinet [MASK] on the table ##, bert ##ology ▁ c ##a ##f ##e ##. [SEP] it is play ##ing ##. [SEP]',
    'xlm-r':
      '<s> The keys to the cabinet <mask> on the table ##, bert ##ology ▁ c ##a ##f ##é ##. </s> </s> It is play ##ing ##. </s>',
  };

  it.each(FAMILY_NAMES)('shows the %s pieces as text, continuations marked as WordPiece marks them', (name) => {
    const family = familyOf(name);
    const tokens = familyTokens(name, TEXT, PAIR);
    const labels = pieceLabels(family, tokens);
    expect(labels.join(' ')).toBe(SHOWN[name]);
    // Each word's labels, their marks dropped, spell the word as word-level mode writes it.
    const words = new Map<number, string[]>();
    tokens.forEach((t, i) => {
      if (!t.special && labels[i] !== t.text) words.set(t.word, [...(words.get(t.word) ?? []), labels[i]!]);
    });
    for (const [word, parts] of words) {
      const pieces = tokens.filter((t) => t.word === word && !t.special).map((t) => t.text);
      expect(wordText(family, pieces)).toContain(parts.map((p) => p.replace(/^##/, '')).join(''));
    }
  });

  it.each([
    'The keys to the cabinet are on the table, bertology café.',
    "It's 2023: the cat's 12th life... (really?) x2",
    'Hello\nworld  twice, naïve über-cool Ünïcödé 東京タワー!',
  ])('groups byte-level pieces into the words its own pre-tokenizer cuts: %j', (text) => {
    const { core } = familyTokenizer('roberta');
    const preTokenize = (core as unknown as { pre_tokenizer: (t: string) => string[] }).pre_tokenizer;
    const words = preTokenize(text);
    const tokens = familyTokens('roberta', text).filter((t) => !t.special);
    expect(tokens.map((t) => t.text).join('')).toBe(words.join(''));
    // The reference word of each piece: the pre-token its first character falls in.
    const ends = words.map((_, w) => words.slice(0, w + 1).join('').length);
    let at = 0;
    const reference = tokens.map((t) => {
      const word = ends.findIndex((end) => at < end);
      at += t.text.length;
      return word;
    });
    expect(tokens.map((t) => t.word - tokens[0]!.word)).toEqual(reference);
  });

  it('shows a guess on its own: a word start as text, a piece that would continue a word marked', () => {
    const roberta = familyOf('roberta');
    const id = (text: string) => familyTokenizer('roberta').core.token_to_id(text)!;
    expect(pieceLabel(roberta, 'Ġkeys', id('Ġkeys'))).toBe('keys');
    expect(pieceLabel(roberta, 'ology', id('ology'))).toBe('##ology');
    expect(pieceLabel(roberta, '</s>', id('</s>'))).toBe('</s>');
    const xlmr = familyOf('xlm-r');
    expect(pieceLabel(xlmr, '▁keys', familyTokenizer('xlm-r').core.token_to_id('▁keys')!)).toBe('keys');
    expect(pieceLabel(BERT_UNCASED_FAMILY, '##ing', 1000)).toBe('##ing');
    expect(pieceLabel(BERT_UNCASED_FAMILY, '[SEP]', 102)).toBe('[SEP]');
  });

  it('names each family’s first and separator tokens as the family does', () => {
    expect(specialNames(familyOf('roberta')).both).toBe('<s>/</s>');
    expect(specialNames(familyOf('xlm-r')).sep).toBe('</s>');
    expect(specialNames(familyOf('albert')).both).toBe('[CLS]/[SEP]');
    expect(specialNames(familyOf('distilbert')).both).toBe('[CLS]/[SEP]');
    expect(specialNames(null).both).toBe('[CLS]/[SEP]');
  });
});
