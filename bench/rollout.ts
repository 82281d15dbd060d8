/**
 * Rollout in the runtime: the rollout graph (workers/engine/aggregateGraph.ts) at 512 tokens on a
 * bert-base-shaped result (12 layers × 12 heads), against the floor a rollout cannot beat: one
 * plain chain of 11 MatMuls of the same [S, S] matrices, in the same ORT (onnxruntime-web WASM in
 * Node, as the CLI runs it). Also checks the result against the JS reference (analysis/rollout.ts).
 */
import * as ort from 'onnxruntime-web';
import { matMulChainGraph } from '../workers/engine/aggregateGraph';
import { AggregateRunner } from '../workers/engine/aggregates';
import { rolloutAllLayers } from '../src/lib/analysis/rollout';
import { syntheticResult } from '../src/lib/state/syntheticRun';
import type { BenchRow } from './benchRow';
import { median } from './stats';

export interface RolloutBench {
  rolloutMs: number;
  chainMs: number;
  maxDiff: number;
  threads: number;
}

export async function measureRollout(seq = 512, rounds = 5): Promise<RolloutBench> {
  ort.env.logLevel = 'error';
  const threads = ort.env.wasm.numThreads ?? 1;
  const result = syntheticResult(seq, 12, 12, 1);
  const dims = result.attentionDims;
  const runner = new AggregateRunner(ort);
  // The chain's inputs: each layer's head mean, as the rollout graph computes it.
  const matrices = new Float32Array(12 * seq * seq);
  for (let l = 0; l < 12; l++) {
    for (let h = 0; h < 12; h++) {
      const base = (l * 12 + h) * seq * seq;
      for (let k = 0; k < seq * seq; k++) matrices[l * seq * seq + k]! += result.attention[base + k]! / 12;
    }
  }
  const chain = await ort.InferenceSession.create(matMulChainGraph(12), {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const runChain = async () => {
    const out = await chain.run({ matrices: new ort.Tensor('float32', matrices, [12, seq, seq]) });
    return out.product!.data as Float32Array;
  };
  let rolled = await runner.rollout(result.attention, dims); // warm-up (session creation)
  await runChain();
  const rolloutMs: number[] = [];
  const chainMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    rolled = await runner.rollout(result.attention, dims);
    rolloutMs.push(performance.now() - t);
    t = performance.now();
    await runChain();
    chainMs.push(performance.now() - t);
  }
  const reference = rolloutAllLayers(result.attention, dims);
  let maxDiff = 0;
  for (let k = 0; k < reference.length; k++) maxDiff = Math.max(maxDiff, Math.abs(reference[k]! - rolled[k]!));
  await runner.release();
  await chain.release();
  return { rolloutMs: median(rolloutMs), chainMs: median(chainMs), maxDiff, threads };
}

export function rolloutRows(r: RolloutBench): BenchRow[] {
  const ratio = r.rolloutMs / r.chainMs;
  return [
    {
      name: `rollout graph vs one MatMul chain, 512 tokens, 12×12 heads (ORT WASM in Node, ${r.threads} thread${r.threads === 1 ? '' : 's'})`,
      measured: `${r.rolloutMs.toFixed(0)} ms vs ${r.chainMs.toFixed(0)} ms`,
      ratio,
      target: 1.5,
      pass: ratio <= 1.5 && r.maxDiff <= 1e-5,
      note: `max |ORT − JS reference| = ${r.maxDiff.toExponential(1)} (limit 1e-5)`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ort.env.wasm.numThreads = Number(process.env.BENCH_THREADS ?? 1);
  const r = await measureRollout(Number(process.env.BENCH_SEQ ?? 512));
  console.log(r, rolloutRows(r));
}
