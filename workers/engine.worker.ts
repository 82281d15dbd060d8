/**
 * The worker entry: a thin Comlink wrapper around the engine. Model load and inference happen
 * only here; results cross back once, as transferred buffers. The ONNX runtime is loaded here too,
 * only the build the chosen backend needs (ortRuntime.ts), while the model's files download.
 */
import * as Comlink from 'comlink';
import { BertEngine } from './engine/engine';
import { AggregateRunner } from './engine/aggregates';
import { EngineError, toErrorInfo } from '../src/lib/core/errors';
import {
  resultBuffers,
  type AggregateRequest,
  type AggregateResult,
  type EngineApi,
  type EngineProbe,
  type Outcome,
} from '../src/lib/core/protocol';
import { RequestQueue } from './engine/requestQueue';
import { throttleProgress } from './engine/progressThrottle';
import { createReader } from './engine/modelFiles';
import { chooseBackend, probeWebGpu, RuntimeLoader, type OrtModule, type WebGpuProbe } from './ortRuntime';
import type {
  Backend,
  FileProgress,
  LoadOptions,
  ModelInfo,
  ModelSource,
  RunInput,
  RunResult,
  TensorName,
} from '../src/lib/core/types';

const threads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
const runtimes = new RuntimeLoader(threads);
const NO_ADAPTER: WebGpuProbe = { adapter: false, fallback: false, description: '' };
let gpuProbe: Promise<WebGpuProbe> | null = null;
const webGpu = () => (gpuProbe ??= probeWebGpu());

/** The runtime build in use: the one the loaded model's session was created with. */
let current: { backend: Backend; ort: OrtModule } | null = null;
const aggregators = new Map<Backend, Promise<AggregateRunner>>();

/** The runtime for `backend`, with its aggregate sessions' runner (creating one compiles the WebAssembly). */
function aggregator(backend: Backend, onProgress?: (p: FileProgress) => void): Promise<AggregateRunner> {
  let runner = aggregators.get(backend);
  if (!runner) {
    let made: AggregateRunner | null = null;
    // Its first session makes ORT fetch and compile the runtime.
    runner = runtimes
      .load(backend, onProgress, async (ort) => {
        made = new AggregateRunner(ort, backend);
        await made.warmUp();
      })
      .then((ort) => made ?? new AggregateRunner(ort, backend));
    runner.catch(() => aggregators.delete(backend));
    aggregators.set(backend, runner);
  }
  return runner;
}

const engine = new BertEngine({
  get ort(): OrtModule {
    if (!current) throw new Error('No ONNX runtime has been loaded.');
    return current.ort;
  },
  probeWebGpu: async () => (await webGpu()).adapter,
  now: () => performance.now(),
  async prepareRuntime(backend: Backend) {
    // Also after a WebGPU failure, when WASM takes over mid-load or mid-run.
    const ort = await runtimes.load(backend);
    await aggregator(backend).catch(() => undefined);
    current = { backend, ort };
  },
});

const queue = new RequestQueue();
/** The attention of the latest view run, kept for aggregates (rollout) so it never crosses back. */
let lastRun: { id: number; attention: Float32Array } | null = null;

async function outcome<T>(work: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

async function load(
  source: ModelSource,
  options: LoadOptions,
  onProgress: (p: FileProgress) => void,
  signal: AbortSignal,
): Promise<ModelInfo> {
  const t0 = performance.now();
  lastRun = null;
  const preference = options.backend ?? 'auto';
  const probe = preference === 'wasm' ? NO_ADAPTER : await webGpu();
  const choice = chooseBackend(preference, probe, threads);
  // The runtime downloads and compiles while the model's files are read.
  const runtimeReady = aggregator(choice.backend, onProgress);
  runtimeReady.catch(() => undefined);
  const info = await engine.load(createReader(source, { signal }), { ...options, backend: choice.backend }, onProgress);
  const reason =
    info.backend === choice.backend
      ? choice.reason
      : `WebGPU failed to start, so ${info.backend.toUpperCase()} runs instead (see the note below).`;
  const runtime = runtimes.timings[info.backend];
  return {
    ...info,
    backendReason: reason,
    loadTimings: {
      totalMs: performance.now() - t0,
      runtimeImportMs: runtime?.importMs ?? 0,
      runtimeInitMs: runtime?.initMs ?? 0,
      ...engine.loadTimings,
    },
  };
}

async function aggregate(request: AggregateRequest): Promise<AggregateResult> {
  let attention = request.attention;
  if (!attention) {
    if (!lastRun || lastRun.id !== request.runId) {
      throw new EngineError('superseded', 'The attention of that run is no longer held by the engine.');
    }
    attention = lastRun.attention;
  }
  const runner = await aggregator(current?.backend ?? 'wasm');
  const t0 = performance.now();
  const values =
    request.kind === 'rollout'
      ? await runner.rollout(attention, request.dims, request.headsPerLayer)
      : await runner.mean(attention, request.dims, request.heads);
  return { values, ms: performance.now() - t0 };
}

const api: EngineApi = {
  async probe(): Promise<EngineProbe> {
    const probe = await webGpu();
    return { webgpu: probe.adapter && !probe.fallback, crossOriginIsolated: self.crossOriginIsolated, threads };
  },

  load(
    source: ModelSource,
    options: LoadOptions,
    onProgress: (progress: FileProgress) => void,
  ): Promise<Outcome<ModelInfo>> {
    // A newer load or Cancel aborts this one's downloads (one signal, see RequestQueue).
    const progress = throttleProgress(onProgress);
    return outcome(queue.enqueueLoad((signal) => load(source, options, progress, signal)));
  },

  cancelLoad(): Promise<boolean> {
    return Promise.resolve(queue.cancelLoad());
  },

  async run<T extends TensorName = 'attention'>(requestId: number, input: RunInput<T>): Promise<Outcome<RunResult<T>>> {
    const result = await outcome(queue.enqueue(() => engine.run(input, requestId), requestId));
    if (!result.ok) return result;
    // A copy of the attention stays here for rollout and other aggregates, so it never crosses back.
    const { attention } = result.value as { attention?: Float32Array };
    if (attention) lastRun = { id: requestId, attention: attention.slice() };
    // Only the tensors the run asked for exist, so only they are transferred.
    return Comlink.transfer(result, resultBuffers(result.value));
  },

  /** A run that no later request replaces: sweeps, comparisons and probe suites, one item at a time. */
  async runInOrder<T extends TensorName = 'attention'>(input: RunInput<T>): Promise<Outcome<RunResult<T>>> {
    const result = await outcome(queue.enqueue(() => engine.run(input, 0)));
    if (!result.ok) return result;
    return Comlink.transfer(result, resultBuffers(result.value));
  },

  async aggregate(request: AggregateRequest): Promise<Outcome<AggregateResult>> {
    const result = await outcome(queue.enqueue(() => aggregate(request)));
    return result.ok ? Comlink.transfer(result, [result.value.values.buffer as ArrayBuffer]) : result;
  },

  async dispose(): Promise<void> {
    lastRun = null;
    await engine.dispose();
  },
};

Comlink.expose(api);
