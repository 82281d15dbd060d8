"""An uncased WordPiece tokenizer, trained here and written as a Hugging Face `tokenizer.json`.

Normalisation and pre-tokenisation follow BERT's basic tokenizer (and transformers.js's
BertNormalizer / BertPreTokenizer): clean control characters, pad CJK characters, lowercase,
strip accents, split on whitespace and on every punctuation character. The vocabulary is
learned the way Hugging Face `tokenizers`' WordPieceTrainer does it: BPE-style merges by pair
frequency over words, with `##` marking pieces that continue a word. Encoding is BERT's
greedy longest-match-first WordPiece.
"""
import collections
import json
import unicodedata

PAD, UNK, CLS, SEP, MASK = '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'
SPECIALS = [PAD, UNK, CLS, SEP, MASK]  # ids 0..4
PREFIX = '##'
MAX_CHARS_PER_WORD = 100


def _is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def _is_control(ch):
    if ch in '\t\n\r':
        return False
    return unicodedata.category(ch) in ('Cc', 'Cf')


def _is_whitespace(ch):
    return ch in ' \t\n\r' or unicodedata.category(ch) == 'Zs'


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize(text):
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip_accents=None→lowercase)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(' ')
        elif _is_cjk(cp):
            out.append(' ' + ch + ' ')
        else:
            out.append(ch)
    text = ''.join(out).lower()
    text = unicodedata.normalize('NFD', text)
    return ''.join(ch for ch in text if unicodedata.category(ch) != 'Mn')


def pre_tokenize(text):
    """BertPreTokenizer: split on whitespace, and make every punctuation char its own word."""
    words = []
    for chunk in text.split():
        current = []
        for ch in chunk:
            if _is_punctuation(ch):
                if current:
                    words.append(''.join(current))
                    current = []
                words.append(ch)
            else:
                current.append(ch)
        if current:
            words.append(''.join(current))
    return words


def basic_tokenize(text):
    return pre_tokenize(normalize(text))


def train_vocab(texts, vocab_size=8192, min_frequency=2):
    """BPE-style merges over word frequencies, pieces inside a word carry `##`."""
    word_freq = collections.Counter()
    for text in texts:
        word_freq.update(basic_tokenize(text))
    words = [w for w, c in word_freq.items() if c >= min_frequency and len(w) <= MAX_CHARS_PER_WORD]
    freqs = [word_freq[w] for w in words]

    # Alphabet: every character seen, alone (word start) and as a continuation.
    alphabet = set()
    for w in words:
        alphabet.add(w[0])
        alphabet.update(PREFIX + ch for ch in w[1:])
    # Every single character also as a start and a continuation, so nothing in the corpus is [UNK].
    chars = sorted({ch for w in words for ch in w})
    alphabet.update(chars)
    alphabet.update(PREFIX + ch for ch in chars)
    vocab = list(SPECIALS) + sorted(alphabet)
    known = set(vocab)

    splits = [[w[0]] + [PREFIX + ch for ch in w[1:]] for w in words]
    pair_counts = collections.Counter()
    pair_where = collections.defaultdict(set)
    for i, (pieces, f) in enumerate(zip(splits, freqs)):
        for a, b in zip(pieces, pieces[1:]):
            pair_counts[(a, b)] += f
            pair_where[(a, b)].add(i)

    def merged(a, b):
        return a + (b[len(PREFIX):] if b.startswith(PREFIX) else b)

    while len(vocab) < vocab_size and pair_counts:
        # Highest count; ties broken by the pair itself, so the result is deterministic.
        (a, b), count = max(pair_counts.items(), key=lambda kv: (kv[1], kv[0]))
        if count < min_frequency:
            break
        new = merged(a, b)
        for i in list(pair_where[(a, b)]):
            pieces, f = splits[i], freqs[i]
            for x, y in zip(pieces, pieces[1:]):
                pair_counts[(x, y)] -= f
                if pair_counts[(x, y)] <= 0:
                    del pair_counts[(x, y)]
                pair_where[(x, y)].discard(i)
            out, j = [], 0
            while j < len(pieces):
                if j + 1 < len(pieces) and pieces[j] == a and pieces[j + 1] == b:
                    out.append(new)
                    j += 2
                else:
                    out.append(pieces[j])
                    j += 1
            splits[i] = out
            for x, y in zip(out, out[1:]):
                pair_counts[(x, y)] += f
                pair_where[(x, y)].add(i)
        pair_counts.pop((a, b), None)
        pair_where.pop((a, b), None)
        if new not in known:
            known.add(new)
            vocab.append(new)
    return vocab


class WordPieceTokenizer:
    def __init__(self, vocab):
        self.vocab = list(vocab)
        self.ids = {t: i for i, t in enumerate(self.vocab)}
        self.pad_id, self.unk_id, self.cls_id, self.sep_id, self.mask_id = (self.ids[t] for t in SPECIALS)

    def word_pieces(self, word):
        if len(word) > MAX_CHARS_PER_WORD:
            return [UNK]
        pieces, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else PREFIX + word[start:end]
                if piece in self.ids:
                    found = piece
                    break
                end -= 1
            if found is None:
                return [UNK]
            pieces.append(found)
            start = end
        return pieces

    def tokenize(self, text):
        return [p for w in basic_tokenize(text) for p in self.word_pieces(w)]

    def encode(self, text):
        return [self.ids[p] for p in self.tokenize(text)]

    def encode_pair(self, a, b):
        """[CLS] A [SEP] B [SEP] with token type ids, as the TemplateProcessing post-processor does."""
        ia, ib = self.encode(a), self.encode(b)
        ids = [self.cls_id] + ia + [self.sep_id] + ib + [self.sep_id]
        types = [0] * (len(ia) + 2) + [1] * (len(ib) + 1)
        return ids, types

    # --- Hugging Face files, in the shape bert-base-uncased ships (see scripts/fixture/tokenizerJson.ts) ---
    def tokenizer_json(self):
        def special(name, type_id):
            return {'SpecialToken': {'id': name, 'type_id': type_id}}

        def sequence(name, type_id):
            return {'Sequence': {'id': name, 'type_id': type_id}}

        return {
            'version': '1.0',
            'truncation': None,
            'padding': None,
            'added_tokens': [
                {'id': self.ids[t], 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False,
                 'normalized': False, 'special': True}
                for t in SPECIALS
            ],
            'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True,
                           'strip_accents': None, 'lowercase': True},
            'pre_tokenizer': {'type': 'BertPreTokenizer'},
            'post_processor': {
                'type': 'TemplateProcessing',
                'single': [special(CLS, 0), sequence('A', 0), special(SEP, 0)],
                'pair': [special(CLS, 0), sequence('A', 0), special(SEP, 0), sequence('B', 1), special(SEP, 1)],
                'special_tokens': {
                    CLS: {'id': CLS, 'ids': [self.cls_id], 'tokens': [CLS]},
                    SEP: {'id': SEP, 'ids': [self.sep_id], 'tokens': [SEP]},
                },
            },
            'decoder': {'type': 'WordPiece', 'prefix': PREFIX, 'cleanup': True},
            'model': {'type': 'WordPiece', 'unk_token': UNK, 'continuing_subword_prefix': PREFIX,
                      'max_input_chars_per_word': MAX_CHARS_PER_WORD,
                      'vocab': {t: i for i, t in enumerate(self.vocab)}},
        }

    @staticmethod
    def tokenizer_config_json(model_max_length):
        return {
            'tokenizer_class': 'BertTokenizer',
            'do_lower_case': True,
            'tokenize_chinese_chars': True,
            'strip_accents': None,
            'clean_up_tokenization_spaces': True,
            'model_max_length': model_max_length,
            'cls_token': CLS,
            'sep_token': SEP,
            'mask_token': MASK,
            'pad_token': PAD,
            'unk_token': UNK,
        }

    def save_vocab(self, path):
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(self.vocab) + '\n')

    @classmethod
    def load_vocab(cls, path):
        with open(path, encoding='utf-8') as f:
            return cls([line.rstrip('\n') for line in f if line.rstrip('\n')])


def write_json(path, value):
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write('\n')
