"""Stages after training: Hub-layout files, ONNX export (+ int8), held-out evaluation, attention
analysis, loss curve and model card, all written to static/models/mini/."""
import csv
import json
import os
import random
import subprocess
import time

import onnx
import torch
from onnx import helper

import brown
import pretrain_data
import quantize
from loss_svg import loss_svg
from model import count_parameters
from model_card import model_card
from wordpiece import SPECIALS, WordPieceTokenizer, write_json

INPUTS = ['input_ids', 'attention_mask', 'token_type_ids']


def export_onnx(model, onnx_dir, work_dir):
    """torch.onnx.export at opset 14 (decomposed LayerNorm, erf GELU, one Softmax per layer)."""
    os.makedirs(onnx_dir, exist_ok=True)
    raw = os.path.join(work_dir, 'model.raw.onnx')
    ids = torch.tensor([[2, 10, 20, 30, 3, 40, 50, 3]])
    types = torch.tensor([[0, 0, 0, 0, 0, 1, 1, 1]])
    model.eval()
    with torch.no_grad():
        torch.onnx.export(model, (ids, torch.ones_like(ids), types), raw, input_names=INPUTS,
                          output_names=['logits'], opset_version=14, do_constant_folding=True,
                          dynamic_axes={n: {0: 'batch_size', 1: 'sequence_length'} for n in INPUTS + ['logits']})
    # The int8 file is made from the plain export, as ORT's quantize_dynamic would be.
    quantize.quantize_dynamic(raw, os.path.join(onnx_dir, 'model_quantized.onnx'))
    untie_decoder_copy(raw, os.path.join(onnx_dir, 'model.onnx'))
    os.remove(raw)


def untie_decoder_copy(src, dst):
    """torch stores the tied decoder weight a second time, transposed (8 MB here). To stay under
    the 40 MB budget the fp32 file reads it from the word embeddings through a Transpose node."""
    model = onnx.load(src)
    g = model.graph
    emb = 'bert.embeddings.word_embeddings.weight'
    decoder = next(n for n in g.node if n.name == '/cls/predictions/decoder/MatMul')
    copy_name = decoder.input[1]
    inits = {i.name: i for i in g.initializer}
    copy = onnx.numpy_helper.to_array(inits[copy_name])
    if not (copy == onnx.numpy_helper.to_array(inits[emb]).T).all():
        raise ValueError('decoder weight is not the transposed word embedding')
    g.initializer.remove(inits[copy_name])
    transpose = helper.make_node('Transpose', [emb], ['/cls/predictions/decoder/Transpose_output_0'],
                                 '/cls/predictions/decoder/Transpose', perm=[1, 0])
    decoder.input[1] = '/cls/predictions/decoder/Transpose_output_0'
    index = list(g.node).index(decoder)
    g.node.insert(index, transpose)
    onnx.checker.check_model(model)
    onnx.save(model, dst)


def pair_items(heldout_docs, tok, max_len, seed, n_pairs):
    """Consecutive held-out sentence pairs [CLS] A [SEP] B [SEP], at most max_len tokens, seeded choice."""
    rng = random.Random(seed)
    candidates = []
    for doc_id, _, sents in heldout_docs:
        for i in range(0, len(sents) - 1, 2):
            a, b = sents[i], sents[i + 1]
            ids, types = tok.encode_pair(a, b)
            if 8 <= len(ids) <= max_len:
                candidates.append({'doc': doc_id, 'text': a, 'text_pair': b, 'input_ids': ids,
                                   'token_type_ids': types})
    rng.shuffle(candidates)
    return candidates[:n_pairs]


def eval_items(heldout_docs, tok, max_len, seed, target_positions=2000):
    """Held-out masked-LM items: whole words covering about 15% of each pair's non-special tokens
    (seeded), every piece of a chosen word set to [MASK]. Whole words, so that the masked input is
    also a text ("[MASK][MASK]" for a two-piece word) that any tokenizer turns into the same ids:
    the app's engine reproduces the accuracy from text (src/lib/mini/heldout.test.ts)."""
    rng = random.Random(seed + 1)
    items, total = [], 0
    for item in pair_items(heldout_docs, tok, max_len, seed, 10_000):
        ids = item['input_ids']
        words = []
        for i, t in enumerate(ids):
            if t in (tok.cls_id, tok.sep_id):
                continue
            if tok.vocab[t].startswith('##') and words and words[-1][-1] == i - 1:
                words[-1].append(i)
            else:
                words.append([i])
        k = max(1, round(sum(len(w) for w in words) * 0.15))
        rng.shuffle(words)
        chosen = []
        for w in words:
            if len(chosen) >= k:
                break
            chosen.extend(w)
        positions = sorted(chosen)
        item = dict(item, masked_positions=positions, expected_ids=[ids[p] for p in positions],
                    expected_tokens=[tok.vocab[ids[p]] for p in positions])
        items.append(item)
        total += len(positions)
        if total >= target_positions:
            break
    return items


@torch.no_grad()
def evaluate(model, items, tok):
    top1 = top5 = n = 0
    for item in items:
        ids = torch.tensor([item['input_ids']])
        for p in item['masked_positions']:
            ids[0, p] = tok.mask_id
        logits = model(ids, torch.ones_like(ids), torch.tensor([item['token_type_ids']]))[0]
        for p, expected in zip(item['masked_positions'], item['expected_ids']):
            best = torch.topk(logits[p], 5).indices.tolist()
            top1 += best[0] == expected
            top5 += expected in best
            n += 1
    return {'positions': n, 'items': len(items), 'top1': top1 / n, 'top5': top5 / n}


def is_punctuation_token(token):
    return len(token) == 1 and not token.isalnum()


@torch.no_grad()
def attention_stats(model, items, tok):
    """Clark et al. (2019)-style statistics over held-out pairs, unmasked, one sequence at a time.

    Per layer: mean over heads and over every token of the attention it gives to [CLS], to either
    [SEP], and to punctuation tokens. Per head: mean attention from token i to i-1 and to i+1
    (tokens with no such neighbour are left out).
    """
    L, H = model.config.num_hidden_layers, model.config.num_attention_heads
    to_cls = torch.zeros(L, H)
    to_sep = torch.zeros(L, H)
    to_punct = torch.zeros(L, H)
    prev = torch.zeros(L, H)
    nxt = torch.zeros(L, H)
    n_tokens = n_prev = n_punct = 0
    for item in items:
        ids = torch.tensor([item['input_ids']])
        model.bert(ids, torch.ones_like(ids), torch.tensor([item['token_type_ids']]), keep_probs=True)
        probs = torch.stack([p[0] for p in model.bert.attention_probs()])  # [L, H, S, S]
        tokens = [tok.vocab[i] for i in item['input_ids']]
        S = len(tokens)
        cls_mask = torch.tensor([t == '[CLS]' for t in tokens], dtype=torch.float32)
        sep_mask = torch.tensor([t == '[SEP]' for t in tokens], dtype=torch.float32)
        punct_mask = torch.tensor([is_punctuation_token(t) for t in tokens], dtype=torch.float32)
        to_cls += (probs @ cls_mask).sum(-1)
        to_sep += (probs @ sep_mask).sum(-1)
        to_punct += (probs @ punct_mask).sum(-1)
        idx = torch.arange(1, S)
        prev += probs[:, :, idx, idx - 1].sum(-1)
        nxt += probs[:, :, idx - 1, idx].sum(-1)
        n_tokens += S
        n_punct += int(punct_mask.sum())
        n_prev += S - 1
    to_cls, to_sep, to_punct = to_cls / n_tokens, to_sep / n_tokens, to_punct / n_tokens
    prev, nxt = prev / n_prev, nxt / n_prev

    def heads(matrix):
        flat = [(float(matrix[layer, head]), f'head {layer + 1}-{head + 1}') for layer in range(L) for head in range(H)]
        return [{'head': name, 'fraction': round(v, 4)} for v, name in sorted(flat, reverse=True)]

    return {
        'sequences': len(items),
        'tokens': n_tokens,
        # What attention spread evenly over the sequence would give, for comparison.
        'uniform_baseline': {'to_cls': round(len(items) / n_tokens, 4), 'to_sep': round(2 * len(items) / n_tokens, 4),
                             'to_punctuation': round(n_punct / n_tokens, 4),
                             'previous_or_next': round(len(items) / n_tokens, 4)},
        'per_layer': [{'layer': layer + 1, 'to_cls': round(float(to_cls[layer].mean()), 4),
                       'to_sep': round(float(to_sep[layer].mean()), 4),
                       'to_punctuation': round(float(to_punct[layer].mean()), 4)} for layer in range(L)],
        'previous_token_heads': heads(prev)[:5],
        'next_token_heads': heads(nxt)[:5],
        'heads_over_half_previous': [h for h in heads(prev) if h['fraction'] > 0.5],
        'heads_over_half_next': [h for h in heads(nxt) if h['fraction'] > 0.5],
    }


def long_items(heldout_docs, tok, max_len, seed, n_items):
    """Held-out sequences filled to the model's maximum: consecutive sentences of one document packed
    into [CLS] A [SEP] B [SEP] of max_len tokens (as pre-training builds them), so that every position
    the model accepts is measured, not only the first ~60 that a sentence pair reaches."""
    rng = random.Random(seed)
    room = max_len - 3
    out = []
    for doc_id, _, sents in heldout_docs:
        encoded = [tok.encode(s) for s in sents]
        i = 0
        while i < len(encoded):
            pieces, j = [], i
            while j < len(encoded) and len(pieces) + len(encoded[j]) <= room:
                pieces.extend(encoded[j])
                j += 1
            if j == i:  # one sentence longer than the room: skip it
                i += 1
                continue
            if len(pieces) >= room - 12:
                cut = len(pieces) // 2
                a, b = pieces[:cut], pieces[cut:]
                ids = [tok.cls_id] + a + [tok.sep_id] + b + [tok.sep_id]
                types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
                out.append({'doc': doc_id, 'input_ids': ids, 'token_type_ids': types})
            i = j
    rng.shuffle(out)
    return out[:n_items]


POSITION_BUCKETS = ((1, 31), (32, 63), (64, 95), (96, 127))


@torch.no_grad()
def positional_heads_by_position(model, items, heads):
    """Mean attention from token i to i-1 (previous) or i+1 (next) of the named heads, per band of
    positions i: a head that is positional at every position the model accepts keeps its share
    in the late bands. heads: [(kind, layer, head)], 0-based."""
    sums = {(k, l, h): [0.0] * len(POSITION_BUCKETS) for k, l, h in heads}
    counts = [0] * len(POSITION_BUCKETS)
    for item in items:
        ids = torch.tensor([item['input_ids']])
        model.bert(ids, torch.ones_like(ids), torch.tensor([item['token_type_ids']]), keep_probs=True)
        probs = model.bert.attention_probs()
        S = ids.shape[1]
        for b, (lo, hi) in enumerate(POSITION_BUCKETS):
            pos = [i for i in range(max(1, lo), min(hi, S - 2) + 1)]
            if not pos:
                continue
            idx = torch.tensor(pos)
            counts[b] += len(pos)
            for kind, layer, head in heads:
                p = probs[layer][0, head]
                vals = p[idx, idx - 1] if kind == 'previous' else p[idx, idx + 1]
                sums[(kind, layer, head)][b] += float(vals.sum())
    return {
        'sequences': len(items),
        'tokens_per_band': counts,
        'bands': [f'{lo}-{hi}' for lo, hi in POSITION_BUCKETS],
        'heads': [{'kind': kind, 'head': f'head {layer + 1}-{head + 1}',
                   'fraction_by_band': [round(v / c, 4) if c else None for v, c in zip(sums[(kind, layer, head)], counts)]}
                  for kind, layer, head in heads],
    }


def top_positional_heads(stats, n=2):
    """The n strongest previous- and next-token heads of attention_stats, as (kind, layer, head) 0-based."""
    out = []
    for kind, key in (('previous', 'previous_token_heads'), ('next', 'next_token_heads')):
        for entry in stats[key][:n]:
            layer, head = (int(x) - 1 for x in entry['head'].split()[1].split('-'))
            out.append((kind, layer, head))
    return out


def check_with_onnxruntime(out):
    """Recompute the accuracy from the ONNX files with onnxruntime-node and transformers.js's tokenizer
    (training/check_onnx.mjs); None when Node or node_modules are missing."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'check_onnx.mjs')
    try:
        run = subprocess.run(['node', script, out], cwd=os.path.dirname(os.path.dirname(script)),
                             capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f'onnxruntime check skipped: {error}', flush=True)
        return None
    print(run.stdout.strip(), flush=True)
    if run.returncode != 0:
        print(f'onnxruntime check failed: {run.stderr.strip()[-2000:]}', flush=True)
        return None
    return json.loads(run.stdout.strip().splitlines()[-1])


def read_loss_log(path):
    with open(path, newline='') as f:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(f)]


def folder_sizes(out_dir):
    sizes = {}
    for root, _, files in os.walk(out_dir):
        for name in files:
            path = os.path.join(root, name)
            sizes[os.path.relpath(path, out_dir)] = os.path.getsize(path)
    return dict(sorted(sizes.items()))


def publish(args, data, model, state):
    t0 = time.time()
    out = args.out_dir
    os.makedirs(os.path.join(out, 'onnx'), exist_ok=True)
    os.makedirs(os.path.join(out, 'eval'), exist_ok=True)
    tok: WordPieceTokenizer = data['tok']
    assert tok.vocab[:len(SPECIALS)] == SPECIALS

    write_json(os.path.join(out, 'config.json'), model.config.hf_config())
    write_json(os.path.join(out, 'tokenizer.json'), tok.tokenizer_json())
    write_json(os.path.join(out, 'tokenizer_config.json'), tok.tokenizer_config_json(args.max_len))
    export_onnx(model, os.path.join(out, 'onnx'), args.work_dir)
    print(f'exported in {time.time() - t0:.0f} s', flush=True)

    items = eval_items(data['heldout_docs'], tok, args.max_len, args.seed)
    accuracy = evaluate(model, items, tok)
    print(f'held-out masked-token accuracy: top-1 {accuracy["top1"]:.4f}, top-5 {accuracy["top5"]:.4f} '
          f'over {accuracy["positions"]} positions', flush=True)
    write_eval_json(os.path.join(out, 'eval', 'heldout.json'), tok, args, data, accuracy, items)

    stats = attention_stats(model, pair_items(data['heldout_docs'], tok, args.max_len, args.seed + 2, 400), tok)
    stats['by_position'] = positional_heads_by_position(
        model, long_items(data['heldout_docs'], tok, args.max_len, args.seed + 3, 120), top_positional_heads(stats))
    with open(os.path.join(out, 'eval', 'attention.json'), 'w') as f:
        json.dump(stats, f, indent=1)
        f.write('\n')

    onnx_check = check_with_onnxruntime(out)
    log = read_loss_log(os.path.join(args.work_dir, 'loss.csv'))
    with open(os.path.join(out, 'loss.svg'), 'w') as f:
        a = state['args']
        markers = []
        if 0 < a.get('short_steps', 0) < a['steps']:
            label = (f'all {a["max_len"]} tokens' if a.get('long_every', 0) > 0
                     else f'{a["short_len"]} → {a["max_len"]} tokens')
            markers.append((a['short_steps'], label))
        if 0 < a.get('cycle_steps', 0) < a['steps']:
            markers.append((a['cycle_steps'], 'second LR cycle'))
        f.write(loss_svg(log, markers))

    train_args = state['args']
    summary = {
        'config': model.config.hf_config(),
        'parameters': count_parameters(model),
        'steps': state['step'],
        'planned_steps': train_args['steps'],
        'batch_size': train_args['batch_size'],
        'max_len': train_args['max_len'],
        'lr': train_args['lr'],
        'warmup': train_args['warmup'],
        'cycle_steps': train_args.get('cycle_steps', 0),
        'nsp': train_args.get('nsp', 1),
        'short_steps': train_args.get('short_steps', 0),
        'short_len': train_args.get('short_len'),
        'short_batch_size': train_args.get('short_batch_size'),
        'long_every': train_args.get('long_every', 0),
        'lr2': train_args.get('lr2'),
        'warmup2': train_args.get('warmup2'),
        'seed': train_args['seed'],
        'threads': train_args['threads'],
        'procs': train_args.get('procs', 1),
        'train_seconds': state['elapsed'],
        'tokens_seen': state['tokens_seen'],
        'tokens_per_epoch': pretrain_data.ExampleStream(data['encoded'], tok, args.max_len, 1, args.seed).tokens_per_epoch,
        'tokens_per_second': state['tokens_seen'] / state['elapsed'],
        'final_loss': sum(r['mlm_loss'] for r in log[-50:]) / len(log[-50:]),
        'train_documents': len(data['train_docs']),
        'train_sentences': sum(len(d[2]) for d in data['train_docs']),
        'train_words': sum(len(s.split()) for d in data['train_docs'] for s in d[2]),
        'heldout_documents': [d[0] for d in data['heldout_docs']],
        'accuracy': accuracy,
        'onnx_check': onnx_check,
        'attention': stats,
        'licence_note': brown.read_licence_note(),
        'torch_version': torch.__version__,
    }
    # The card lists file sizes, its own included: write it again once its size is known.
    for _ in range(2):
        sizes = folder_sizes(out)
        with open(os.path.join(out, 'README.md'), 'w') as f:
            f.write(model_card(summary, sizes))
    sizes = folder_sizes(out)
    total = sum(sizes.values())
    print(f'{out}: {total / 1e6:.1f} MB in {len(sizes)} files', flush=True)
    if total >= 40e6:
        raise SystemExit('model folder is over the 40 MB budget')


def write_eval_json(path, tok, args, data, accuracy, items):
    """One item per line, so the file stays small and diffs stay readable."""
    head = {
        'description': ('Held-out masked-LM evaluation of BERTology Lens mini. Each item is a pair of consecutive '
                        'sentences from a held-out Brown document, encoded as [CLS] text [SEP] text_pair [SEP] '
                        '(input_ids and token_type_ids as the tokenizer gives them). masked_positions (indices '
                        'into input_ids) cover whole words, about 15% of the tokens; each id there is replaced '
                        'by [MASK], all of an item\'s positions at once, '
                        'attention mask all ones, one item per run. A position is top-1 correct when the argmax of '
                        'the logits there is its expected id, top-5 when the expected id is among the 5 highest.'),
        'mask_token_id': tok.mask_id,
        'seed': args.seed,
        'heldout_documents': [d[0] for d in data['heldout_docs']],
        'result_pytorch_fp32': accuracy,
    }
    lines = ['{']
    for k, v in head.items():
        lines.append(f'  {json.dumps(k)}: {json.dumps(v)},')
    lines.append('  "items": [')
    keys = ('doc', 'text', 'text_pair', 'input_ids', 'token_type_ids', 'masked_positions', 'expected_ids',
            'expected_tokens')
    rows = [json.dumps({k: item[k] for k in keys}, ensure_ascii=False) for item in items]
    lines.append(',\n'.join('    ' + r for r in rows))
    lines.append('  ]')
    lines.append('}')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
