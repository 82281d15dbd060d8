/**
 * The engine in Node on onnxruntime-web's WASM backend, the same numerics as the browser's WASM
 * (the tests' engine). The CLI picks its runtime in runtimes.ts (native by default).
 */
import * as ort from 'onnxruntime-web';
import { BertEngine } from '../../workers/engine/engine';

export function createNodeEngine(threads = 1): BertEngine {
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = 'error';
  return new BertEngine({ ort, probeWebGpu: async () => false, now: () => performance.now() });
}

export { readerFor } from './modelReader';
