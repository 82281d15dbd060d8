/** Which reader a `--model` argument needs: a folder on disk, an http(s) URL of a folder, or a Hub id. */
import { EngineError } from '../../src/lib/core/errors';
import { createReader, isHubId, type ModelFileReader } from '../../workers/engine/modelFiles';
import { DirReader, isDirectory } from './dirReader';

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
