// Cross-checks the published mini model outside PyTorch: transformers.js must tokenize every
// held-out item to the ids training/publish.py wrote, and onnxruntime must reproduce the
// held-out accuracy from both ONNX files. Usage: node training/check_onnx.mjs [model folder]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';

const folder = resolve(process.argv[2] ?? 'static/models/mini');
env.allowRemoteModels = false;
env.localModelPath = dirname(folder) + '/';
const tokenizer = await AutoTokenizer.from_pretrained(folder.split('/').pop());
const heldout = JSON.parse(readFileSync(join(folder, 'eval', 'heldout.json'), 'utf8'));

let mismatches = 0;
for (const item of heldout.items) {
  const encoded = tokenizer(item.text, { text_pair: item.text_pair });
  const ids = Array.from(encoded.input_ids.data, Number);
  const types = Array.from(encoded.token_type_ids.data, Number);
  if (ids.join() !== item.input_ids.join() || types.join() !== item.token_type_ids.join()) {
    mismatches++;
    if (mismatches <= 3) console.log('tokenization differs:', item.text, '|', item.text_pair);
  }
}
console.log(`tokenizer: ${heldout.items.length - mismatches}/${heldout.items.length} items identical`);

const results = {};
for (const file of ['model.onnx', 'model_quantized.onnx']) {
  const session = await ort.InferenceSession.create(join(folder, 'onnx', file));
  let top1 = 0;
  let top5 = 0;
  let n = 0;
  for (const item of heldout.items) {
    const ids = BigInt64Array.from(item.input_ids, BigInt);
    for (const p of item.masked_positions) ids[p] = BigInt(heldout.mask_token_id);
    const dims = [1, ids.length];
    const out = await session.run({
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
      token_type_ids: new ort.Tensor('int64', BigInt64Array.from(item.token_type_ids, BigInt), dims),
    });
    const logits = out.logits.data;
    const vocab = out.logits.dims[2];
    item.masked_positions.forEach((p, k) => {
      const row = logits.subarray(p * vocab, (p + 1) * vocab);
      const expected = row[item.expected_ids[k]];
      let above = 0;
      for (let v = 0; v < vocab; v++) if (row[v] > expected) above++;
      if (above === 0) top1++;
      if (above < 5) top5++;
      n++;
    });
  }
  results[file] = { positions: n, top1: top1 / n, top5: top5 / n };
  console.log(`${file}: top-1 ${((100 * top1) / n).toFixed(2)}%, top-5 ${((100 * top5) / n).toFixed(2)}% over ${n}`);
}
console.log(JSON.stringify({ tokenizerMismatches: mismatches, ...results }));
