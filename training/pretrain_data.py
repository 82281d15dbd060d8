"""BERT pre-training examples: `[CLS] A [SEP] B [SEP]`, half with B the true continuation.

Follows create_pretraining_data.py from google-research/bert: segments are runs of whole
sentences filling a target length (10% of the time a shorter, random target); B is the
continuation of A or, half the time, a run of sentences from another document. Masking is
BERT's rule — 15% of the non-special tokens, of which 80% become [MASK], 10% a random token
and 10% stay — drawn afresh for every batch from a seeded generator (dynamic masking).
"""
import random

import torch


def truncate_pair(a, b, max_tokens, rng):
    while len(a) + len(b) > max_tokens:
        longer = a if len(a) > len(b) else b
        if rng.random() < 0.5:
            del longer[0]
        else:
            longer.pop()


def document_examples(docs, doc_index, max_len, rng, short_seq_prob=0.1):
    """Examples from one document: list of (ids, type_ids, is_random_next)."""
    doc = docs[doc_index]
    max_tokens = max_len - 3
    target = max_tokens if rng.random() >= short_seq_prob else rng.randint(2, max_tokens)
    examples, chunk, chunk_len, i = [], [], 0, 0
    while i < len(doc):
        chunk.append(doc[i])
        chunk_len += len(doc[i])
        if i == len(doc) - 1 or chunk_len >= target:
            if chunk:
                a_end = rng.randint(1, len(chunk) - 1) if len(chunk) >= 2 else 1
                a = [t for s in chunk[:a_end] for t in s]
                random_next = len(chunk) == 1 or rng.random() < 0.5
                if random_next:
                    b_target = max(1, target - len(a))
                    other = doc_index
                    while other == doc_index and len(docs) > 1:
                        other = rng.randrange(len(docs))
                    other_doc = docs[other]
                    start = rng.randrange(len(other_doc))
                    b = []
                    for s in other_doc[start:]:
                        b.extend(s)
                        if len(b) >= b_target:
                            break
                    # The unused sentences go back, as in the original script.
                    i -= len(chunk) - a_end
                else:
                    b = [t for s in chunk[a_end:] for t in s]
                truncate_pair(a, b, max_tokens, rng)
                if a and b:
                    examples.append((a, b, random_next))
            chunk, chunk_len = [], 0
            target = max_tokens if rng.random() >= short_seq_prob else rng.randint(2, max_tokens)
        i += 1
    return examples


def epoch_examples(docs, max_len, seed):
    rng = random.Random(seed)
    examples = []
    for d in range(len(docs)):
        examples.extend(document_examples(docs, d, max_len, rng))
    rng.shuffle(examples)
    return examples


def collate(examples, tok, rng_torch, mask_prob=0.15):
    """Pad a batch and apply BERT's 80/10/10 masking. Returns tensors for pretraining_losses."""
    seqs, types = [], []
    for a, b, _ in examples:
        seqs.append([tok.cls_id] + a + [tok.sep_id] + b + [tok.sep_id])
        types.append([0] * (len(a) + 2) + [1] * (len(b) + 1))
    width = max(len(s) for s in seqs)
    n = len(seqs)
    input_ids = torch.full((n, width), tok.pad_id, dtype=torch.long)
    token_type_ids = torch.zeros((n, width), dtype=torch.long)
    attention_mask = torch.zeros((n, width), dtype=torch.long)
    for i, (s, t) in enumerate(zip(seqs, types)):
        input_ids[i, :len(s)] = torch.tensor(s)
        token_type_ids[i, :len(t)] = torch.tensor(t)
        attention_mask[i, :len(s)] = 1
    special = (input_ids == tok.cls_id) | (input_ids == tok.sep_id) | (attention_mask == 0)
    scores = torch.rand(input_ids.shape, generator=rng_torch)
    scores[special] = 2.0
    positions = []
    for i, s in enumerate(seqs):
        n_real = len(s) - 3
        k = max(1, round(n_real * mask_prob))
        chosen = torch.argsort(scores[i])[:k]
        positions.append(chosen + i * width)
    positions = torch.cat(positions)
    flat = input_ids.view(-1)
    labels = flat[positions].clone()
    action = torch.rand(positions.shape, generator=rng_torch)
    random_ids = torch.randint(len(tok.vocab) - 5, positions.shape, generator=rng_torch) + 5
    new = torch.where(action < 0.8, torch.full_like(labels, tok.mask_id),
                      torch.where(action < 0.9, random_ids, labels))
    flat[positions] = new
    nsp_labels = torch.tensor([1 if r else 0 for _, _, r in examples], dtype=torch.long)
    return input_ids, attention_mask, token_type_ids, positions, labels, nsp_labels


class ExampleStream:
    """Endless, reproducible sequence of batches: epoch e uses examples built with seed base+e."""

    def __init__(self, docs, tok, max_len, batch_size, seed):
        self.docs, self.tok, self.max_len, self.batch_size, self.seed = docs, tok, max_len, batch_size, seed
        self.rng_torch = torch.Generator().manual_seed(seed)
        self.epoch, self.examples, self.cursor = 0, epoch_examples(docs, max_len, seed), 0
        self.tokens_per_epoch = sum(len(a) + len(b) + 3 for a, b, _ in self.examples)

    def next_batch(self):
        if self.cursor + self.batch_size > len(self.examples):
            self.epoch += 1
            self.examples, self.cursor = epoch_examples(self.docs, self.max_len, self.seed + self.epoch), 0
        batch = self.examples[self.cursor:self.cursor + self.batch_size]
        self.cursor += self.batch_size
        return collate(batch, self.tok, self.rng_torch)

    def state(self):
        return {'epoch': self.epoch, 'cursor': self.cursor, 'rng_torch': self.rng_torch.get_state()}

    def restore(self, state):
        self.epoch = state['epoch']
        self.examples = epoch_examples(self.docs, self.max_len, self.seed + self.epoch)
        self.cursor = state['cursor']
        self.rng_torch.set_state(state['rng_torch'])
