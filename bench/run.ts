/**
 * What instrumentation costs (a row of `npm run bench`). On the bert-base-shaped random fixture, 32 tokens,
 * WASM: the instrumented graph (every layer's attention and hidden states as outputs, copied into
 * one buffer each, as the engine does) against the same model's plain graph (logits only), both
 * in this process with the same settings. Runs alternate so drift hits both alike; medians are
 * reported.
 */
import * as ort from 'onnxruntime-web';
import { DirReader } from '../scripts/cli/dirReader';
import { instrumentGraph } from '../workers/engine/instrument';
import type { BenchRow } from './benchRow';
import { median } from './stats';

const MODEL_DIR = process.env.BENCH_MODEL ?? 'fixtures/bert-base-random';
const MODEL_FILE = 'onnx/model.onnx';
const TOKENS = 32;
const WARMUP = 3;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

export async function instrumentationRows(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  // One thread by default: steadier timings on a shared 2-core machine; BENCH_THREADS to change.
  ort.env.wasm.numThreads = Number(process.env.BENCH_THREADS ?? 1);
  ort.env.logLevel = 'error';
  // Read as the CLI reads a model folder; a copy is kept for the plain session, since the
  // instrumented bytes share the buffer.
  const read = await new DirReader(MODEL_DIR).read(MODEL_FILE);
  if (!read) throw new Error(`${MODEL_DIR}/${MODEL_FILE} is missing: run npm run bench, which generates it.`);
  const bytes = read.slice();
  const t0 = performance.now();
  const HEADS = 12;
  // As the engine does: attention and hidden states as outputs, and a head_mask input.
  const { bytes: instrumentedBytes, layout } = instrumentGraph(read, { heads: HEADS });
  const instrumentMs = performance.now() - t0;
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const plain = await ort.InferenceSession.create(bytes, options);
  const instrumented = await ort.InferenceSession.create(instrumentedBytes, options);

  // [CLS] w1 … w30 [SEP] with ids from the word range of the bert-base-shaped vocabulary.
  const ids = [101, ...Array.from({ length: TOKENS - 2 }, (_, i) => 2000 + ((i * 37) % 5000)), 102];
  const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, TOKENS]);
  const feeds = () => ({
    input_ids: int64(ids),
    attention_mask: int64(ids.map(() => 1)),
    token_type_ids: int64(ids.map(() => 0)),
  });
  const fetches = [...layout.attentionOutputs, ...layout.hiddenOutputs, 'logits'];

  const runPlain = async () => {
    const out = await plain.run(feeds(), ['logits']);
    for (const t of Object.values(out)) t.dispose();
  };
  const runInstrumented = async () => {
    const keepAll = new ort.Tensor('float32', new Float32Array(layout.attentionOutputs.length * HEADS).fill(1), [
      layout.attentionOutputs.length,
      HEADS,
    ]);
    const out = await instrumented.run({ ...feeds(), head_mask: keepAll }, fetches);
    // The engine's extraction: one buffer for all attention, one for hidden states.
    const attention = new Float32Array(
      layout.attentionOutputs.length * (out[fetches[0]!]!.data as Float32Array).length,
    );
    layout.attentionOutputs.forEach((name, l) => {
      const data = out[name]!.data as Float32Array;
      attention.set(data, l * data.length);
    });
    const hiddenSize = (out[layout.hiddenOutputs[0]!]!.data as Float32Array).length;
    const hidden = new Float32Array(layout.hiddenOutputs.length * hiddenSize);
    layout.hiddenOutputs.forEach((name, l) => hidden.set(out[name]!.data as Float32Array, l * hiddenSize));
    for (const t of Object.values(out)) t.dispose();
  };

  for (let i = 0; i < WARMUP; i++) {
    await runPlain();
    await runInstrumented();
  }
  const plainMs: number[] = [];
  const instrumentedMs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    for (const [fn, sink] of (i % 2
      ? [
          [runPlain, plainMs],
          [runInstrumented, instrumentedMs],
        ]
      : [
          [runInstrumented, instrumentedMs],
          [runPlain, plainMs],
        ]) as [() => Promise<void>, number[]][]) {
      const start = performance.now();
      await fn();
      sink.push(performance.now() - start);
    }
  }
  const p = median(plainMs);
  const q = median(instrumentedMs);
  log(
    `model: ${MODEL_DIR}/${MODEL_FILE} (${(bytes.length / 1e6).toFixed(1)} MB), ${layout.attentionOutputs.length} layers, ${TOKENS} tokens, wasm, ${ort.env.wasm.numThreads} threads`,
  );
  log(`graph instrumentation (one-off, at load): ${instrumentMs.toFixed(1)} ms`);
  log(`uninstrumented run (logits only): median ${p.toFixed(1)} ms over ${ROUNDS} runs`);
  log(`instrumented run (+attention, hidden states, head mask): median ${q.toFixed(1)} ms over ${ROUNDS} runs`);
  await plain.release();
  await instrumented.release();
  return [
    {
      name: `instrumented vs plain inference, bert-base shape, ${TOKENS} tokens (ORT WASM in Node, ${ort.env.wasm.numThreads} thread)`,
      measured: `${q.toFixed(0)} ms vs ${p.toFixed(0)} ms`,
      ratio: q / p,
      target: 1.1,
      pass: q / p <= 1.1,
      note: `instrumentation at load ${(instrumentMs / 1000).toFixed(1)} s`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await instrumentationRows());
