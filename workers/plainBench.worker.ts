/**
 * Benchmark only (bench/corpus.ts, through `?benchCorpus=1`): the limit a browser corpus run is
 * measured against. A plain onnxruntime-web session of the unmodified model (its own outputs, no
 * instrumentation) on the engine's runtime build and thread count (ortRuntime.ts, the same formula
 * as engine.worker.ts), running token ids made beforehand one input at a time. Timed from the
 * message's arrival: runtime import and compile, model fetch, session creation, every run.
 */
import type { PlainBenchReply, PlainBenchRequest } from '../src/lib/core/plainBench';
import { RuntimeLoader } from './ortRuntime';

// As engine.worker.ts: threads need cross-origin isolation (SharedArrayBuffer).
const threads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

self.onmessage = async (event: MessageEvent<PlainBenchRequest>) => {
  const { modelUrl, inputs } = event.data;
  const t0 = performance.now();
  try {
    const ort = await new RuntimeLoader(threads).load('wasm');
    const t1 = performance.now();
    const response = await fetch(modelUrl);
    if (!response.ok) throw new Error(`${modelUrl}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const t2 = performance.now();
    // The engine's session options on WASM (engine.ts createSession), without its instrumentation.
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
    const t3 = performance.now();
    const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
    let tokens = 0;
    for (const { ids, types } of inputs) {
      const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
      for (const name of session.inputNames) {
        if (name === 'input_ids') feeds[name] = int64(ids);
        else if (name === 'attention_mask') feeds[name] = int64(ids.map(() => 1));
        else if (name === 'token_type_ids') feeds[name] = int64(types);
        else if (name === 'position_ids') feeds[name] = int64(ids.map((_, i) => i));
        else throw new Error(`unexpected model input ${name}`);
      }
      const out = await session.run(feeds);
      for (const tensor of Object.values(out)) tensor.dispose();
      tokens += ids.length;
    }
    const t4 = performance.now();
    const outputs = [...session.outputNames];
    await session.release();
    const reply: PlainBenchReply = {
      ok: true,
      threads: ort.env.wasm.numThreads ?? threads,
      runtimeMs: t1 - t0,
      fetchMs: t2 - t1,
      sessionMs: t3 - t2,
      runsMs: t4 - t3,
      totalMs: t4 - t0,
      tokens,
      outputs,
    };
    self.postMessage(reply);
  } catch (error) {
    const reply: PlainBenchReply = {
      ok: false,
      error: error instanceof Error ? error.message : String(error),
      threads,
      runtimeMs: 0,
      fetchMs: 0,
      sessionMs: 0,
      runsMs: 0,
      totalMs: performance.now() - t0,
      tokens: 0,
      outputs: [],
    };
    self.postMessage(reply);
  }
};
