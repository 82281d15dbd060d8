/** The engine in Node: onnxruntime-web's WASM backend, the same numerics as the browser's WASM. */
import * as ort from 'onnxruntime-web';
import { BertEngine } from '../../workers/engine/engine';
import { EngineError } from '../../src/lib/core/errors';
import { createReader, isHubId, type ModelFileReader } from '../../workers/engine/modelFiles';
import { DirReader, isDirectory } from './dirReader';

export function createNodeEngine(threads = 1): BertEngine {
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = 'error';
  return new BertEngine({ ort, probeWebGpu: async () => false, now: () => performance.now() });
}

/** A model argument is a folder on disk, an http(s) URL of a folder, or a Hub id. */
export async function readerFor(spec: string): Promise<ModelFileReader> {
  if (await isDirectory(spec)) return new DirReader(spec);
  if (/^https?:\/\//.test(spec)) return createReader({ kind: 'url', base: spec });
  if (isHubId(spec) && !spec.startsWith('.')) return createReader({ kind: 'hub', id: spec });
  throw new EngineError(
    'model-not-found',
    `"${spec}" is neither a folder on disk, a URL, nor a Hugging Face Hub id.`,
    'Pass a model folder (with config.json, tokenizer.json and onnx/model.onnx) or an id like Xenova/bert-base-uncased.',
  );
}
