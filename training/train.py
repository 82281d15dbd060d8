#!/usr/bin/python3
"""Train BERTology Lens mini end to end: data, tokenizer, pre-training, ONNX export, evaluation,
model card. `/usr/bin/python3 training/train.py` with no flags reproduces static/models/mini/.

Stages can be skipped to redo the later ones from a checkpoint, e.g.
`--skip-train` re-exports and re-evaluates the checkpoint in --work-dir.
"""
import argparse
import csv
import json
import math
import os
import platform
import random
import sys
import time

# Under oversubscription (other jobs on the 2 cores) spinning OpenMP threads burn CPU for
# nothing: measured 1.7 vs 0.7 CPU-seconds per 1k tokens at the same wall-clock speed.
os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')

import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import brown  # noqa: E402
import pretrain_data  # noqa: E402
from model import BertConfig, BertForMaskedLM, count_parameters  # noqa: E402
from wordpiece import WordPieceTokenizer, train_vocab  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The configuration the committed model was trained with (chosen after measuring throughput;
# see README.md in this folder).
DEFAULTS = dict(
    vocab_size=8192, hidden=256, layers=6, heads=8, intermediate=1024, max_len=128,
    batch_size=32, steps=4800, lr=7e-4, warmup=300, dropout=0.0, nsp=0,
    short_len=64, short_batch_size=64, short_steps=4200, long_every=3, weight_decay=0.01, seed=12,
    heldout_fraction=0.05, threads=1, procs=1, checkpoint_every=25,
    cycle_steps=0, lr2=1e-3, warmup2=50,
)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for k, v in DEFAULTS.items():
        p.add_argument('--' + k.replace('_', '-'), type=type(v), default=v)
    p.add_argument('--work-dir', default='/work/train-out', help='vocab, checkpoints, loss log (outside the repo)')
    p.add_argument('--out-dir', default=os.path.join(REPO, 'static', 'models', 'mini'))
    p.add_argument('--skip-train', action='store_true', help='use the checkpoint in --work-dir as it is')
    p.add_argument('--stop-after-train', action='store_true', help='train (or resume), then stop')
    p.add_argument('--fresh', action='store_true', help='ignore an existing checkpoint and start over')
    return p.parse_args(argv)


def seed_everything(seed):
    random.seed(seed)
    torch.manual_seed(seed)


def prepare(args):
    """Documents, held-out split, WordPiece vocabulary (cached in work-dir) and encoded sentences."""
    docs = brown.read_documents()
    train_docs, heldout_docs = brown.split_documents(docs, args.heldout_fraction, args.seed)
    vocab_path = os.path.join(args.work_dir, 'vocab.txt')
    if os.path.exists(vocab_path):
        tok = WordPieceTokenizer.load_vocab(vocab_path)
    else:
        t0 = time.time()
        vocab = train_vocab([s for _, _, sents in train_docs for s in sents], args.vocab_size)
        tok = WordPieceTokenizer(vocab)
        tok.save_vocab(vocab_path)
        print(f'vocabulary: {len(vocab)} entries in {time.time() - t0:.0f} s', flush=True)
    encoded = [[ids for ids in (tok.encode(s) for s in sents) if ids] for _, _, sents in train_docs]
    return dict(docs=docs, train_docs=train_docs, heldout_docs=heldout_docs, tok=tok, encoded=encoded)


def make_model(args, vocab_size):
    config = BertConfig(vocab_size, args.hidden, args.layers, args.heads, args.intermediate, args.max_len,
                        hidden_dropout_prob=args.dropout, attention_probs_dropout_prob=args.dropout)
    model = BertForMaskedLM(config, with_nsp=bool(args.nsp))
    init_positions_sinusoidal(model.bert.embeddings.position_embeddings.weight)
    return model


def init_positions_sinusoidal(weight, std=0.03):
    """Start the (learned, absolute) position embeddings from Vaswani et al.'s sinusoids, scaled to a
    random init's size. With random starts, two earlier runs of this model spent their whole budget
    on the unigram plateau with position embeddings still unlearned (cosine of neighbours ~0);
    sinusoids give neighbouring positions similar vectors and make offsets linear maps from the start.
    The architecture and the exported graph are unchanged."""
    n, d = weight.shape
    position = torch.arange(n, dtype=torch.float32)[:, None]
    freq = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
    table = torch.zeros(n, d)
    table[:, 0::2] = torch.sin(position * freq)
    table[:, 1::2] = torch.cos(position * freq)
    with torch.no_grad():
        weight.copy_(table / table.std() * std)


def lr_at(step, args):
    """Linear warmup, then linear decay to zero at the end of the cycle (BERT's schedule). With
    --cycle-steps below --steps, a second cycle (warm restart, --lr2 and --warmup2) follows."""
    first = args.cycle_steps if 0 < args.cycle_steps < args.steps else args.steps
    if step < first:
        peak, warmup, s, n = args.lr, args.warmup, step, first
    else:
        peak, warmup, s, n = args.lr2, args.warmup2, step - first, args.steps - first
    if s < warmup:
        return peak * (s + 1) / warmup
    return peak * max(0.0, (n - s) / max(1, n - warmup))


def uses_full_length(step, args):
    if step >= args.short_steps or args.long_every <= 0:
        return step >= args.short_steps
    return step % args.long_every == args.long_every - 1


def all_reduce_grads(params, world):
    """Average gradients over the data-parallel processes in one flat buffer (one message per step)."""
    import torch.distributed as dist
    grads = [p.grad for p in params]
    flat = torch.cat([g.reshape(-1) for g in grads])
    dist.all_reduce(flat)
    flat /= world
    offset = 0
    for g in grads:
        g.copy_(flat[offset:offset + g.numel()].view_as(g))
        offset += g.numel()


def train(args, data, rank=0, world=1):
    """Data-parallel over `world` processes (one thread each: on this machine two 1-thread processes
    train 1.6x faster than one 2-thread process). Every process starts from the same seed, so the
    weights are identical; each reads its own seeded example stream; gradients are averaged."""
    import torch.distributed as dist
    ckpt_path = os.path.join(args.work_dir, 'checkpoint.pt')
    log_path = os.path.join(args.work_dir, 'loss.csv')
    seed_everything(args.seed)
    tok = data['tok']
    model = make_model(args, len(tok.vocab))
    decay = [p for n, p in model.named_parameters() if not (n.endswith('bias') or 'LayerNorm' in n)]
    no_decay = [p for n, p in model.named_parameters() if n.endswith('bias') or 'LayerNorm' in n]
    optimizer = torch.optim.AdamW([{'params': decay, 'weight_decay': args.weight_decay},
                                   {'params': no_decay, 'weight_decay': 0.0}],
                                  lr=args.lr, betas=(0.9, 0.98), eps=1e-6)
    # Short sequences spread uniform early attention over fewer tokens, so the gradient towards
    # neighbouring tokens is larger; but positions past the short length are learned only from
    # full-length batches. With full-length batches only at the end (BERT's 90/10 schedule), they
    # came when the learning rate had decayed to nothing: positions 64-127 stayed untrained and
    # the previous-token heads fell from 0.83 to 0.01 there. So every --long-every'th step is
    # full length from the start, and the last steps (after --short-steps) all are.
    stream_seed = args.seed + 7919 * rank
    short = pretrain_data.ExampleStream(data['encoded'], tok, args.short_len, args.short_batch_size, stream_seed)
    stream = pretrain_data.ExampleStream(data['encoded'], tok, args.max_len, args.batch_size, stream_seed + 1000)
    step, elapsed, tokens_seen = 0, 0.0, 0
    if os.path.exists(ckpt_path) and not args.fresh:
        state = torch.load(ckpt_path)
        model.load_state_dict(state['model'])
        optimizer.load_state_dict(state['optimizer'])
        ranks = state.get('ranks', [{'stream': state.get('stream'), 'short_stream': state.get('short_stream'),
                                     'torch_rng': state.get('torch_rng')}])
        mine = ranks[rank]
        stream.restore(mine['stream'])
        short.restore(mine['short_stream'])
        torch.set_rng_state(mine['torch_rng'])
        step, elapsed, tokens_seen = state['step'], state['elapsed'], state['tokens_seen']
        if rank == 0:
            print(f'resumed at step {step}', flush=True)
    elif rank == 0:
        with open(log_path, 'w', newline='') as f:
            csv.writer(f).writerow(['step', 'mlm_loss', 'nsp_loss', 'mlm_accuracy', 'lr', 'tokens', 'elapsed_s'])
    if rank == 0:
        print(f'parameters (exported): {count_parameters(model):,}; tokens per epoch ~{stream.tokens_per_epoch:,}; '
              f'{world} processes', flush=True)
    params = [p for p in model.parameters() if p.requires_grad]

    def save():
        mine = {'stream': stream.state(), 'short_stream': short.state(), 'torch_rng': torch.get_rng_state()}
        ranks = [None] * world
        if world > 1:
            dist.all_gather_object(ranks, mine)
        else:
            ranks = [mine]
        if rank != 0:
            return
        tmp = ckpt_path + '.tmp'
        torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'ranks': ranks,
                    'step': step, 'elapsed': elapsed, 'world': world,
                    'tokens_seen': tokens_seen, 'args': vars(args)}, tmp)
        os.replace(tmp, ckpt_path)

    model.train()
    rows = []
    while step < args.steps:
        t0 = time.time()
        source = stream if uses_full_length(step, args) else short
        input_ids, attention_mask, token_type_ids, positions, labels, nsp_labels = source.next_batch()
        for group in optimizer.param_groups:
            group['lr'] = lr_at(step, args)
        mlm_loss, nsp_loss, correct = model.pretraining_losses(
            input_ids, attention_mask, token_type_ids, positions, labels, nsp_labels)
        (mlm_loss + nsp_loss).backward()
        # Batch statistics summed over processes: loss x count, correct, count, tokens.
        stats = torch.tensor([mlm_loss.item() * len(labels), nsp_loss.item(), float(correct), float(len(labels)),
                              float(attention_mask.sum())], dtype=torch.float64)
        if world > 1:
            all_reduce_grads(params, world)
            dist.all_reduce(stats)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        elapsed += time.time() - t0
        tokens_seen += int(stats[4])
        step += 1
        loss_value, nsp_value, accuracy = stats[0] / stats[3], stats[1] / world, stats[2] / stats[3]
        rows.append([step, f'{loss_value:.4f}', f'{nsp_value:.4f}', f'{accuracy:.4f}',
                     f'{lr_at(step - 1, args):.6g}', tokens_seen, f'{elapsed:.1f}'])
        if rank == 0 and (step % 10 == 0 or step == args.steps):
            print(f'step {step}/{args.steps} mlm {loss_value:.3f} nsp {nsp_value:.3f} '
                  f'acc {accuracy:.3f} {tokens_seen / elapsed:.0f} tok/s '
                  f'{elapsed / 60:.1f} min', flush=True)
        if step % args.checkpoint_every == 0 or step == args.steps:
            if rank == 0:
                with open(log_path, 'a', newline='') as f:
                    csv.writer(f).writerows(rows)
            rows = []
            save()
    return model


def train_process(rank, args, data):
    import torch.distributed as dist
    torch.set_num_threads(args.threads)
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{args.rendezvous_port}',
                            rank=rank, world_size=args.procs)
    try:
        train(args, data, rank, args.procs)
    finally:
        dist.destroy_process_group()


def load_trained(args, vocab_size):
    state = torch.load(os.path.join(args.work_dir, 'checkpoint.pt'))
    model = make_model(args, vocab_size)
    model.load_state_dict(state['model'])
    model.eval()
    return model, state


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(args.work_dir, exist_ok=True)
    torch.set_num_threads(args.threads)
    print(f'torch {torch.__version__}, {torch.get_num_threads()} threads, python {platform.python_version()}',
          flush=True)
    data = prepare(args)
    if not args.skip_train:
        if args.procs > 1:
            import socket
            import torch.multiprocessing as mp
            with socket.socket() as probe:
                probe.bind(('127.0.0.1', 0))
                args.rendezvous_port = probe.getsockname()[1]
            mp.spawn(train_process, args=(args, data), nprocs=args.procs, join=True)
        else:
            train(args, data)
    if args.stop_after_train:
        return
    model, state = load_trained(args, len(data['tok'].vocab))
    import publish  # the export, evaluation and model-card stages
    publish.publish(args, data, model, state)


if __name__ == '__main__':
    main()
