/**
 * The worker entry: a thin Comlink wrapper around the engine. Model load and inference happen
 * only here; results cross back once, as transferred buffers.
 */
import * as Comlink from 'comlink';
import * as ort from 'onnxruntime-web/webgpu';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { BertEngine } from './engine/engine';
import { toErrorInfo } from '../src/lib/core/errors';
import type { EngineApi, EngineProbe, Outcome } from '../src/lib/core/protocol';
import { RequestQueue } from './engine/requestQueue';
import { createReader } from './engine/modelFiles';
import type { FileProgress, LoadOptions, ModelInfo, ModelSource, RunInput, RunResult } from '../src/lib/core/types';

// ORT's wasm binary is bundled and served by the app itself: no CDN, so it works offline.
// (transformers.js would otherwise point ORT at a CDN.)
ort.env.wasm.wasmPaths = { wasm: ortWasmUrl };
ort.env.logLevel = 'error';
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

async function probeWebGpu(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

const engine = new BertEngine({ ort, probeWebGpu, now: () => performance.now() });

const queue = new RequestQueue();

async function outcome<T>(work: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

const api: EngineApi = {
  async probe(): Promise<EngineProbe> {
    return {
      webgpu: await probeWebGpu(),
      crossOriginIsolated: self.crossOriginIsolated,
      threads: ort.env.wasm.numThreads ?? 1,
    };
  },

  load(
    source: ModelSource,
    options: LoadOptions,
    onProgress: (progress: FileProgress) => void,
  ): Promise<Outcome<ModelInfo>> {
    // A newer load or Cancel aborts this one's downloads (one signal, see RequestQueue).
    return outcome(queue.enqueueLoad((signal) => engine.load(createReader(source, { signal }), options, onProgress)));
  },

  cancelLoad(): Promise<boolean> {
    return Promise.resolve(queue.cancelLoad());
  },

  async run(requestId: number, input: RunInput): Promise<Outcome<RunResult>> {
    const result = await outcome(queue.enqueue(() => engine.run(input, requestId), requestId));
    if (!result.ok) return result;
    const { attention, hidden } = result.value;
    return Comlink.transfer(result, [attention.buffer, hidden.buffer] as Transferable[]);
  },

  /** A run that no later request replaces: sweeps, comparisons and probe suites, one item at a time. */
  async runInOrder(input: RunInput): Promise<Outcome<RunResult>> {
    const result = await outcome(queue.enqueue(() => engine.run(input, 0)));
    if (!result.ok) return result;
    const { attention, hidden } = result.value;
    return Comlink.transfer(result, [attention.buffer, hidden.buffer] as Transferable[]);
  },

  async dispose(): Promise<void> {
    await engine.dispose();
  },
};

Comlink.expose(api);
