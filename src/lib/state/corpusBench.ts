/**
 * `?benchCorpus=1` (bench/corpus.ts): hooks that time a Claims-lab corpus run against plain
 * inference on the same WASM runtime. Loaded only with that flag (App.svelte imports it on demand),
 * so none of it is in the normal app's path.
 *
 *  - lab: loads a model through LensState.load, as a model opened by address is loaded, then runs
 *    one suite through the lab's own ProbeJob (LensState.runOnce → the engine worker; statistics on
 *    this thread in runSuite's accumulators) until its report is ready.
 *  - plain: a fresh worker (workers/plainBench.worker.ts) with a plain onnxruntime-web session of
 *    the unmodified model, running the given token ids one at a time.
 */
import type { PlainBenchReply } from '../core/plainBench';
import type { RunInput } from '../core/types';
import type { ProbeSuite } from '../probes/runSuite';
import { ProbeJob } from './claims.svelte';
import type { LensState } from './lens.svelte';

export interface LabTiming {
  /** From starting the load to the model ready (its first view run included, as for a person). */
  loadMs: number;
  /** From starting the suite to its report. */
  runMs: number;
  totalMs: number;
  items: number;
  scored: number;
  /** Tokens of every input the suite ran (the engine's own tokenisation). */
  tokens: number;
  /** Inside the engine worker: tokenisation, inference, extracting the tensors (the runs' own timings). */
  engineMs: number;
  /** From asking for each run to its result on this thread (the engine's time, the queue and the transfer). */
  roundTripMs: number;
  /** Where the load's time went, as the engine reports it (ModelInfo.loadTimings). */
  loadParts: Record<string, number>;
  /** How the engine said it runs, e.g. "WASM with 2 threads, as chosen." */
  backend: string;
}

/** As workers/plainBench.worker.ts answers. */
export type PlainTiming = PlainBenchReply;

export interface CorpusBenchHooks {
  lab(base: string, label: string, suite: ProbeSuite): Promise<LabTiming>;
  /** Wall time from creating the worker to its answer, and the worker's own figures. */
  plain(
    modelUrl: string,
    inputs: { ids: number[]; types: number[] }[],
  ): Promise<PlainTiming & { wallMs: number; crossOriginIsolated: boolean }>;
}

declare global {
  interface Window {
    __bertologyCorpusBench?: CorpusBenchHooks;
  }
}

export function installCorpusBench(lens: LensState): void {
  let tokens = 0;
  let engineMs = 0;
  let roundTripMs = 0;
  // Counts the tokens and times of every lab run on the way back; the run itself is untouched.
  const runOnce = lens.runOnce.bind(lens);
  lens.runOnce = (async (input: RunInput) => {
    const t0 = performance.now();
    const outcome = await runOnce(input);
    roundTripMs += performance.now() - t0;
    if (outcome.ok) {
      tokens += outcome.value.tokens.length;
      const { tokenizeMs, inferenceMs, extractMs } = outcome.value.timings;
      engineMs += tokenizeMs + inferenceMs + extractMs;
    }
    return outcome;
  }) as LensState['runOnce'];

  window.__bertologyCorpusBench = {
    async lab(base, label, suite) {
      lens.backendPref = 'wasm'; // as a person can choose: the comparison is on one runtime
      const t0 = performance.now();
      await lens.load({ kind: 'url', base, label }, null);
      if (lens.status !== 'ready' || !lens.info) throw new Error(lens.modelError?.message ?? 'the model did not load');
      const t1 = performance.now();
      tokens = 0;
      engineMs = 0;
      roundTripMs = 0;
      const job = new ProbeJob(suite, lens);
      await job.run();
      const t2 = performance.now();
      if (!job.report) throw new Error(job.problem?.message ?? job.note ?? 'the suite gave no report');
      return {
        loadMs: t1 - t0,
        runMs: t2 - t1,
        totalMs: t2 - t0,
        items: job.report.dataset.used,
        scored: job.report.dataset.scored,
        tokens,
        engineMs,
        roundTripMs,
        loadParts: lens.info.loadTimings ?? {},
        backend: lens.info.backendReason ?? lens.info.backend,
      };
    },
    plain(modelUrl, inputs) {
      const t0 = performance.now();
      const worker = new Worker(new URL('../../../workers/plainBench.worker.ts', import.meta.url), { type: 'module' });
      return new Promise((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<PlainTiming>) => {
          const wallMs = performance.now() - t0;
          worker.terminate();
          if (event.data.ok) resolve({ ...event.data, wallMs, crossOriginIsolated: self.crossOriginIsolated });
          else reject(new Error(event.data.error));
        };
        worker.onerror = (event) => {
          worker.terminate();
          reject(new Error(event.message || 'the plain worker failed'));
        };
        worker.postMessage({ modelUrl, inputs });
      });
    },
  };
}
