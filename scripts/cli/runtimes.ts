/**
 * The CLI's runtimes. The engine is one code path; the ORT module is injected, as the worker injects
 * onnxruntime-web:
 *  - 'native' (the default): onnxruntime-node's CPU runtime, several times faster than WASM;
 *  - 'wasm': onnxruntime-web's WASM build, the same numerics as the browser's WASM backend.
 * Each is imported only when a model is loaded, so `bertology` alone starts fast and a native run
 * never loads the WASM runtime.
 */
import { availableParallelism } from 'node:os';
import type * as OrtWeb from 'onnxruntime-web';
import { BertEngine, type EngineHost } from '../../workers/engine/engine';
import { EngineError } from '../../src/lib/core/errors';

export type NodeRuntime = 'native' | 'wasm';

/** Threads when --threads is not given: one per core. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** The ORT module and CPU settings of a runtime. */
export async function runtimeHost(runtime: NodeRuntime, threads: number): Promise<EngineHost> {
  const now = () => performance.now();
  const probeWebGpu = async () => false;
  if (runtime === 'wasm') {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = 'error';
    return { ort, probeWebGpu, now };
  }
  let native: typeof import('onnxruntime-node');
  try {
    native = await import('onnxruntime-node');
  } catch (error) {
    throw new EngineError(
      'backend-unavailable',
      `The native runtime (onnxruntime-node) could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      'Reinstall with npm ci, or run on WASM with --runtime wasm.',
    );
  }
  native.env.logLevel = 'error';
  return {
    // onnxruntime-node implements the onnxruntime-common API that the engine is written against.
    ort: native as unknown as typeof OrtWeb,
    probeWebGpu,
    now,
    cpu: {
      backend: 'cpu',
      sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' },
    },
  };
}

export async function createCliEngine(
  runtime: NodeRuntime = 'native',
  threads = defaultThreads(),
): Promise<BertEngine> {
  return new BertEngine(await runtimeHost(runtime, threads));
}
