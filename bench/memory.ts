/**
 * Peak memory of a 512-token run on the bert-base-shaped fixture (12 layers × 12 heads, 768 wide):
 * the engine as the CLI and the worker drive it (instrumented graph, ORT WASM), in a child process
 * of its own so that nothing else counts, then rollout of the result in the same runtime. Peak =
 * the process's maximum resident set size.
 */
import { spawnSync } from 'node:child_process';
import * as ort from 'onnxruntime-web';
import { DirReader } from '../scripts/cli/dirReader';
import { BertEngine } from '../workers/engine/engine';
import { AggregateRunner } from '../workers/engine/aggregates';
import type { BenchRow } from './benchRow';

const MODEL_DIR = process.env.BENCH_MODEL ?? 'fixtures/bert-base-random';
const LIMIT_GB = 2;

async function child(): Promise<void> {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const engine = new BertEngine({ ort, probeWebGpu: async () => false, now: () => performance.now() });
  await engine.load(new DirReader(MODEL_DIR), { backend: 'wasm', dtype: 'fp32' });
  const afterLoad = process.memoryUsage().rss;
  const result = await engine.run({ text: 'the cat sat on the mat because it was tired . '.repeat(60) });
  const runner = new AggregateRunner(ort);
  await runner.rollout(result.attention, result.attentionDims);
  process.stdout.write(
    JSON.stringify({
      tokens: result.tokens.length,
      afterLoadMb: afterLoad / 2 ** 20,
      peakMb: process.resourceUsage().maxRSS / 1024,
      attentionMb: result.attention.byteLength / 2 ** 20,
    }),
  );
}

export function memoryRows(log: (line: string) => void = console.log): BenchRow[] {
  const run = spawnSync('npx', ['tsx', 'bench/memory.ts', '--child'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`memory benchmark failed: ${run.stderr.slice(-400)}`);
  const m = JSON.parse(line) as { tokens: number; afterLoadMb: number; peakMb: number; attentionMb: number };
  log(
    `peak memory, ${m.tokens} tokens: ${m.peakMb.toFixed(0)} MB (after load ${m.afterLoadMb.toFixed(0)} MB, attention ${m.attentionMb.toFixed(0)} MB)`,
  );
  return [
    {
      name: `peak memory, ${m.tokens}-token run + rollout, bert-base shape (engine on ORT WASM, Node)`,
      measured: `${(m.peakMb / 1024).toFixed(2)} GB`,
      ratio: m.peakMb / 1024 / LIMIT_GB,
      target: 1,
      pass: m.peakMb / 1024 <= LIMIT_GB,
      note: `limit ${LIMIT_GB} GB; after load ${m.afterLoadMb.toFixed(0)} MB, the attention itself ${m.attentionMb.toFixed(0)} MB`,
    },
  ];
}

if (process.argv.includes('--child')) await child();
else if (import.meta.url === `file://${process.argv[1]}`) console.table(memoryRows());
