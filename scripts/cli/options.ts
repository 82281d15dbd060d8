/** What every `bertology` command shares: its spec shape, the model options, and loading a model. */
import type { ParseArgsConfig } from 'node:util';
import { EngineError } from '../../src/lib/core/errors';
import type { BertEngine, EngineLoadOptions } from '../../workers/engine/engine';
import type { Backend, HeadRef, ModelDtype, ModelInfo } from '../../src/lib/core/types';
import { parseHeadSelection } from '../../src/lib/analysis/layerLabels';
import type { NodeRuntime } from './runtimes';
import { parseThreads } from './args';
import { resolveModelSpec } from './bundled';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandIo {
  out(text: string): void;
  note(text: string): void;
  /** Reports a mistake in the command line (exit code 2). */
  usageError(message: string): number;
}

export interface CommandSpec {
  name: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues, io: CommandIo): Promise<number>;
}

export const modelOptions: NonNullable<ParseArgsConfig['options']> = {
  model: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
  dtype: { type: 'string', default: 'fp32' },
  runtime: { type: 'string', default: 'native' },
  /** Default: one per core. */
  threads: { type: 'string' },
};

/** How --runtime and --threads are read (exported for the tests). */
export function runtimeOptions(values: OptionValues): {
  runtime: NodeRuntime;
  threads: number | undefined;
  note?: string;
} {
  const runtime = values.runtime ?? 'native';
  if (runtime !== 'native' && runtime !== 'wasm') {
    throw new EngineError(
      'backend-unavailable',
      `--runtime must be native or wasm, not "${String(runtime)}".`,
      'native is onnxruntime-node on the CPU (fast); wasm is the browser runtime (the same numerics as the app).',
    );
  }
  if (values.threads === undefined) return { runtime, threads: undefined };
  // Checked and capped (a huge count would hang the runtime's thread pool).
  return { runtime, ...parseThreads(values.threads) };
}

/** Validates --model/--backend/--dtype/--threads and loads the model. */
export async function loadModel(
  values: OptionValues,
  extra: Pick<EngineLoadOptions, 'attentionOnly'> = {},
): Promise<{ engine: BertEngine; info: ModelInfo }> {
  const model = values.model;
  if (typeof model !== 'string' || model === '') {
    throw new EngineError(
      'no-model',
      '--model is required.',
      'Pass a model folder, URL or Hub id, or mini for the model that ships with the app.',
    );
  }
  const backend = values.backend as Backend;
  if (backend === 'webgpu') {
    throw new EngineError(
      'backend-unavailable',
      'WebGPU is not available in Node.',
      'Use --backend wasm here, or the app in a browser with WebGPU.',
    );
  }
  if (backend !== 'wasm') {
    throw new EngineError('backend-unavailable', `--backend must be wasm or webgpu, not "${String(backend)}".`);
  }
  const dtype = values.dtype as ModelDtype;
  if (!['fp32', 'fp16', 'q8'].includes(dtype)) {
    throw new EngineError('no-model', `--dtype must be fp32, fp16 or q8, not "${String(dtype)}".`);
  }
  const { runtime, threads, note } = runtimeOptions(values);
  // Imported here, not at the top: the runtimes and the tokenizer library load only when a model does.
  const [{ createCliEngine }, { readerFor }] = await Promise.all([import('./runtimes'), import('./modelReader')]);
  const engine = await createCliEngine(runtime, threads);
  const info = await engine.load(await readerFor(resolveModelSpec(model)), { backend, dtype, ...extra });
  return { engine, info: note ? { ...info, notices: [note, ...info.notices] } : info };
}

/** --ablate "8-10,5-4,3-*": heads in the literature's 1-based numbering; "3-*" is all of layer 3. */
export function parseAblation(value: OptionValues[string], info: ModelInfo): HeadRef[] {
  if (typeof value !== 'string') return [];
  try {
    return parseHeadSelection(value, info);
  } catch (error) {
    throw new EngineError(
      'inference-failed',
      `--ablate: ${error instanceof Error ? error.message : String(error)}`,
      `Write heads as layer-head counted from 1, e.g. --ablate 8-10,5-4 (this model: ${info.layers} layers of ${info.heads} heads).`,
    );
  }
}
