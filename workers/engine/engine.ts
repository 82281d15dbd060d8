/**
 * The engine: load a BERT-like model's files, instrument its graph, create an ORT session on
 * WebGPU or WASM, and run text through it returning attention, hidden states and [MASK]
 * predictions as flat typed arrays. No DOM: the worker and the CLI both drive it.
 */
import type * as Ort from 'onnxruntime-web';
import { PreTrainedTokenizer, BertTokenizer } from '@huggingface/transformers';
import { tokenScore, topKPredictions } from './maskedLm';
import { EngineError, firstLine } from '../../src/lib/core/errors';
import { validateConfig, validateTokenizerConfig, type BertConfig } from '../../src/lib/core/configSchema';
import { float16ToFloat32 } from './float16';
import { instrumentGraph, type GraphLayout } from './instrument';
import type { ModelFileReader, ProgressCallback } from './modelFiles';
import {
  CHARS_PER_TOKEN_READ,
  encodeInput,
  schemeFromTokenizerJson,
  type TokenizerCore,
  type TokenizerHandle,
} from './tokenize';
import type {
  Backend,
  HeadRef,
  LoadOptions,
  MaskPrediction,
  ModelDtype,
  ModelInfo,
  RunInput,
  RunResult,
} from '../../src/lib/core/types';

type OrtModule = typeof Ort;

export interface EngineHost {
  ort: OrtModule;
  /** True when a WebGPU adapter can be had (we ask for one; 'gpu' in navigator is not enough). */
  probeWebGpu(): Promise<boolean>;
  now(): number;
}

const MODEL_FILES: Record<ModelDtype, string[]> = {
  fp32: ['onnx/model.onnx', 'model.onnx'],
  fp16: ['onnx/model_fp16.onnx', 'onnx/model.onnx', 'model.onnx'],
  q8: ['onnx/model_quantized.onnx', 'onnx/model_int8.onnx', 'onnx/model.onnx', 'model.onnx'],
};

export interface LoadedModel {
  info: ModelInfo;
  session: Ort.InferenceSession;
  layout: GraphLayout;
  tokenizer: TokenizerHandle;
  /** Instrumented bytes and external data, kept to rebuild the session on WASM if WebGPU fails mid-run. */
  modelBytes: Uint8Array;
  externalData: { path: string; data: Uint8Array }[];
}

export class BertEngine {
  private model: LoadedModel | null = null;
  /** Counts loads, so every result can say which model computed it. */
  private loads = 0;

  constructor(private readonly host: EngineHost) {}

  get info(): ModelInfo | null {
    return this.model?.info ?? null;
  }

  async load(reader: ModelFileReader, options: LoadOptions = {}, onProgress?: ProgressCallback): Promise<ModelInfo> {
    await this.dispose();
    const config = parseConfig(await readJson(reader, 'config.json', onProgress, true));
    const tokenizer = await loadTokenizer(reader, onProgress);
    // Asked even when WebGPU is forced: without an adapter there is no point trying.
    const wantGpu = options.backend !== 'wasm' && (await this.host.probeWebGpu());
    const notices: string[] = [];
    if (options.backend === 'webgpu' && !wantGpu) notices.push('WebGPU is not available here; running on WASM.');
    const dtype: ModelDtype = options.dtype ?? (wantGpu ? 'fp32' : 'q8');
    const { path: modelFile, bytes } = await readModelFile(reader, dtype, onProgress);
    const { bytes: instrumented, layout } = instrumentGraph(bytes, { heads: config.heads });
    notices.push(...layout.notices);
    if (config.layers && layout.attentionOutputs.length !== config.layers) {
      notices.push(
        `config.json says ${config.layers} layers but the graph has ${layout.attentionOutputs.length} attention layers; showing the graph's.`,
      );
    }
    const dir = modelFile.includes('/') ? modelFile.slice(0, modelFile.lastIndexOf('/') + 1) : '';
    const externalData = [];
    for (const file of layout.externalDataFiles) {
      const data = await reader.read(dir + file, onProgress);
      if (!data) {
        throw new EngineError(
          'model-not-found',
          `The model keeps its weights in a separate file, ${dir + file}, which is missing.`,
          'Put the .onnx_data file next to the .onnx file, as on the Hub.',
        );
      }
      externalData.push({ path: file, data });
    }
    let backend: Backend = wantGpu ? 'webgpu' : 'wasm';
    let session: Ort.InferenceSession;
    try {
      session = await this.createSession(instrumented, externalData, backend);
    } catch (error) {
      if (backend !== 'webgpu') throw sessionError(error);
      notices.push(`WebGPU failed to start (${firstLine(errorText(error), 120)}); running on WASM instead.`);
      backend = 'wasm';
      session = await this.createSession(instrumented, externalData, backend).catch((e: unknown) => {
        throw sessionError(e);
      });
    }
    const info: ModelInfo = {
      label: reader.label,
      modelType: config.modelType,
      layers: layout.attentionOutputs.length,
      heads: config.heads,
      hidden: config.hidden,
      vocabSize: config.vocabSize,
      maxTokens: config.maxPositions,
      hasMlmHead: layout.logitsOutput !== null,
      hasHiddenStates: layout.hiddenOutputs.length > 0,
      backend,
      dtype,
      modelFile,
      notices,
      loadId: ++this.loads,
    };
    this.model = { info, session, layout, tokenizer, modelBytes: instrumented, externalData };
    return info;
  }

  async run(input: RunInput, requestId = 0): Promise<RunResult> {
    const model = this.model;
    if (!model) throw new EngineError('no-model', 'No model is loaded yet.', 'Load a model first.');
    const t0 = this.host.now();
    const encoded = encodeInput(model.tokenizer, input.text, input.pair, model.info.maxTokens);
    const t1 = this.host.now();
    const notices: string[] = [];
    let outputs: Ort.InferenceSession.ReturnType;
    try {
      outputs = await this.runSession(model, encoded.inputIds, encoded.tokenTypeIds, input.ablate);
    } catch (error) {
      if (model.info.backend !== 'webgpu') throw runError(error);
      // A lost device or a kernel WebGPU lacks: rebuild on WASM once and say so.
      notices.push(`WebGPU failed during the run (${firstLine(errorText(error), 120)}); switched to WASM.`);
      await model.session.release().catch(() => undefined);
      model.session = await this.createSession(model.modelBytes, model.externalData, 'wasm');
      model.info = { ...model.info, backend: 'wasm', notices: [...model.info.notices, notices[0]!] };
      outputs = await this.runSession(model, encoded.inputIds, encoded.tokenTypeIds, input.ablate).catch(
        (e: unknown) => {
          throw runError(e);
        },
      );
    }
    const t2 = this.host.now();
    const seq = encoded.inputIds.length;
    const { layout, info } = model;
    const attention = stack(
      layout.attentionOutputs.map((name) => outputs[name]!),
      info.heads * seq * seq,
    );
    const hidden = layout.hiddenOutputs.length
      ? stack(
          layout.hiddenOutputs.map((name) => outputs[name]!),
          seq * info.hidden,
        )
      : new Float32Array(0);
    const predictions: MaskPrediction[] = [];
    const logits = layout.logitsOutput ? outputs[layout.logitsOutput] : undefined;
    if (logits && model.tokenizer.maskTokenId !== null) {
      const flat = tensorToFloat32(logits);
      const vocab = flat.length / seq;
      const pinned = (input.pinned ?? []).map((word) => pinnedTokenId(model.tokenizer, word));
      encoded.inputIds.forEach((id, position) => {
        if (id !== model.tokenizer.maskTokenId) return;
        const top = topKPredictions(flat, vocab, position, input.topK ?? 10);
        predictions.push({
          position,
          ids: top.ids,
          probs: top.probs,
          tokens: top.ids.map((i) => model.tokenizer.core.id_to_token(i) ?? `#${i}`),
          pinned: pinned.map((p) =>
            p.id === null ? { ...p, prob: null, rank: null } : { ...p, ...tokenScore(flat, vocab, position, p.id) },
          ),
        });
      });
    }
    for (const tensor of Object.values(outputs)) tensor.dispose();
    const t3 = this.host.now();
    if (encoded.unreadChars > 0) {
      notices.push(
        `The text is far longer than this model can take: only its first ${(info.maxTokens * CHARS_PER_TOKEN_READ).toLocaleString('en')} characters were read (${encoded.unreadChars.toLocaleString('en')} were not).`,
      );
    } else if (encoded.truncatedTokens > 0) {
      notices.push(
        `The text is longer than this model's maximum of ${info.maxTokens} tokens: the last ${encoded.truncatedTokens} tokens were left out.`,
      );
    }
    return {
      requestId,
      tokens: encoded.tokens,
      attention,
      attentionDims: [layout.attentionOutputs.length, info.heads, seq, seq],
      hidden,
      hiddenDims: [hidden.length ? layout.hiddenOutputs.length : 0, seq, info.hidden],
      predictions,
      backend: model.info.backend,
      timings: { tokenizeMs: t1 - t0, inferenceMs: t2 - t1, extractMs: t3 - t2 },
      truncatedTokens: encoded.truncatedTokens,
      ablated: input.ablate ?? [],
      notices,
      loadId: model.info.loadId,
    };
  }

  async dispose(): Promise<void> {
    const model = this.model;
    this.model = null;
    await model?.session.release().catch(() => undefined);
  }

  private async createSession(
    bytes: Uint8Array,
    externalData: { path: string; data: Uint8Array }[],
    backend: Backend,
  ): Promise<Ort.InferenceSession> {
    return this.host.ort.InferenceSession.create(bytes, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      ...(externalData.length ? { externalData } : {}),
    });
  }

  private async runSession(
    model: LoadedModel,
    inputIds: number[],
    tokenTypeIds: number[],
    ablate: HeadRef[] = [],
  ): Promise<Ort.InferenceSession.ReturnType> {
    const { ort } = this.host;
    const seq = inputIds.length;
    const { layers, heads } = model.info;
    const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, seq]);
    const feeds: Record<string, Ort.Tensor> = {};
    for (const name of model.layout.inputNames) {
      if (name === 'input_ids') feeds[name] = int64(inputIds);
      else if (name === 'attention_mask') feeds[name] = int64(inputIds.map(() => 1));
      else if (name === 'token_type_ids') feeds[name] = int64(tokenTypeIds);
      else if (name === 'position_ids') feeds[name] = int64(inputIds.map((_, i) => i));
      else if (name === model.layout.headMaskInput)
        feeds[name] = headMaskTensor(ort, layers, heads, ablate, model.layout.floatType);
      else {
        throw new EngineError(
          'not-bert-like',
          `The model expects an input called "${name}", which a BERT-like encoder does not have.`,
          'Load a BERT-family encoder exported to ONNX.',
        );
      }
    }
    const fetches = [
      ...model.layout.attentionOutputs,
      ...model.layout.hiddenOutputs,
      ...(model.layout.logitsOutput ? [model.layout.logitsOutput] : []),
    ];
    return model.session.run(feeds, fetches);
  }
}

/** A pinned word's vocabulary id: BERT fills one [MASK] with one word piece, so a word must be one piece. */
function pinnedTokenId(tokenizer: TokenizerHandle, word: string): { word: string; id: number | null; note?: string } {
  const pieces = tokenizer.core.encode(word.trim(), { add_special_tokens: false, return_token_type_ids: true });
  const only = pieces.ids.length === 1 ? pieces.ids[0] : undefined;
  if (only !== undefined && only === tokenizer.unkTokenId) {
    return { word, id: null, note: `"${word}" is not in this model's vocabulary` };
  }
  if (only !== undefined) return { word, id: only };
  const note =
    pieces.ids.length === 0
      ? 'empty'
      : `"${word}" is ${pieces.ids.length} word pieces here (${pieces.tokens.join(' ')}); one [MASK] holds one piece`;
  return { word, id: null, note };
}

/** [layers, heads] of ones, with zeros at the ablated heads. */
function headMaskTensor(
  ort: OrtModule,
  layers: number,
  heads: number,
  ablate: HeadRef[],
  floatType: number,
): Ort.Tensor {
  const keep = new Float32Array(layers * heads).fill(1);
  for (const { layer, head } of ablate) {
    if (layer < 0 || layer >= layers || head < 0 || head >= heads) {
      throw new EngineError(
        'inference-failed',
        `Head ${layer + 1}-${head + 1} does not exist: the model has ${layers} layers of ${heads} heads.`,
        'Pick heads within the model.',
      );
    }
    keep[layer * heads + head] = 0;
  }
  const FLOAT16 = 10;
  if (floatType === FLOAT16) {
    return new ort.Tensor(
      'float16',
      Uint16Array.from(keep, (v) => (v ? 0x3c00 : 0)),
      [layers, heads],
    );
  }
  return new ort.Tensor('float32', keep, [layers, heads]);
}

function tensorToFloat32(tensor: Ort.Tensor): Float32Array {
  const data = tensor.data;
  if (data instanceof Float32Array) return data;
  if (data instanceof Uint16Array) return float16ToFloat32(data);
  // Newer runtimes may hand float16 out as a native Float16Array.
  if (ArrayBuffer.isView(data) && data.constructor.name === 'Float16Array') {
    return Float32Array.from(data as unknown as ArrayLike<number>);
  }
  throw new EngineError('inference-failed', `The model returned ${tensor.type} values where floats were expected.`);
}

/** Concatenate per-layer outputs (each [1, ...]) into one buffer. */
function stack(tensors: Ort.Tensor[], perLayer: number): Float32Array {
  const out = new Float32Array(tensors.length * perLayer);
  tensors.forEach((tensor, layer) => {
    const data = tensorToFloat32(tensor);
    if (data.length !== perLayer) {
      throw new EngineError(
        'not-bert-like',
        `An attention or hidden-state output has ${data.length} values where ${perLayer} were expected.`,
        "The model's config.json may not match its graph (number of heads or hidden size).",
      );
    }
    out.set(data, layer * perLayer);
  });
  return out;
}

async function readJson(
  reader: ModelFileReader,
  path: string,
  onProgress: ProgressCallback | undefined,
  required: true,
): Promise<unknown>;
async function readJson(
  reader: ModelFileReader,
  path: string,
  onProgress: ProgressCallback | undefined,
  required: false,
): Promise<unknown | null>;
async function readJson(
  reader: ModelFileReader,
  path: string,
  onProgress: ProgressCallback | undefined,
  required: boolean,
): Promise<unknown | null> {
  const bytes = await reader.read(path, onProgress);
  if (!bytes) {
    if (!required) return null;
    throw new EngineError(
      'model-not-found',
      `"${reader.label}" has no ${path}, so it is not a model folder in the Hugging Face layout.`,
      'Check the model id or folder: it needs config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx.',
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new EngineError(
      'corrupt-model',
      `${path} of "${reader.label}" is not valid JSON.`,
      'Replace the file with a good copy.',
    );
  }
}

/** Every field the engine reads, checked up front (see configSchema.ts). */
function parseConfig(json: unknown): BertConfig {
  return validateConfig(json);
}

async function loadTokenizer(reader: ModelFileReader, onProgress?: ProgressCallback): Promise<TokenizerHandle> {
  const json = await readJson(reader, 'tokenizer.json', onProgress, false);
  const config = validateTokenizerConfig(await readJson(reader, 'tokenizer_config.json', onProgress, false));
  if (!json) {
    throw new EngineError(
      'missing-tokenizer',
      `"${reader.label}" has no tokenizer.json, so its text cannot be split into tokens.`,
      'Add the tokenizer.json (and tokenizer_config.json) that belong to the model.',
    );
  }
  let tokenizer: PreTrainedTokenizer;
  try {
    const cls = config.tokenizerClass?.replace(/Fast$/, '');
    tokenizer = cls === 'BertTokenizer' ? new BertTokenizer(json, config) : new PreTrainedTokenizer(json, config);
  } catch (error) {
    throw new EngineError(
      'missing-tokenizer',
      `tokenizer.json of "${reader.label}" could not be read (${firstLine(errorText(error), 120)}).`,
      'Replace it with the tokenizer.json that belongs to the model.',
    );
  }
  const core = (tokenizer as unknown as { _tokenizer: TokenizerCore })._tokenizer;
  const maskTokenId = typeof tokenizer.mask_token_id === 'number' ? tokenizer.mask_token_id : null;
  const unkId = typeof tokenizer.unk_token_id === 'number' ? tokenizer.unk_token_id : null;
  // [MASK] and [UNK] stand for words of the sentence; only [CLS]/[SEP]/[PAD]-like tokens count as special.
  const specialIds = new Set<number>(tokenizer.all_special_ids.filter((id) => id !== maskTokenId && id !== unkId));
  return { core, specialIds, maskTokenId, unkTokenId: unkId, scheme: schemeFromTokenizerJson(json) };
}

async function readModelFile(
  reader: ModelFileReader,
  dtype: ModelDtype,
  onProgress?: ProgressCallback,
): Promise<{ path: string; bytes: Uint8Array }> {
  // A preferred export that cannot be fetched (offline, say) gives way to one that can (cached).
  let unreachable: EngineError | null = null;
  for (const path of MODEL_FILES[dtype]) {
    try {
      const bytes = await reader.read(path, onProgress);
      if (bytes) return { path, bytes };
    } catch (error) {
      if (!(error instanceof EngineError) || error.code !== 'download-failed') throw error;
      unreachable ??= error;
    }
  }
  if (unreachable) throw unreachable;
  throw new EngineError(
    'model-not-found',
    `"${reader.label}" has no ONNX model file (looked for ${MODEL_FILES[dtype].join(', ')}).`,
    'Export the model to ONNX (e.g. with optimum) and put it in an onnx/ folder.',
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sessionError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  return new EngineError(
    'corrupt-model',
    `The ONNX runtime could not load the model: ${firstLine(errorText(error))}`,
    'The file may be damaged or use operators this runtime lacks; try another export of the model.',
  );
}

function runError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  return new EngineError(
    'inference-failed',
    `The model failed while running: ${firstLine(errorText(error))}`,
    'Try a shorter text or the WASM backend.',
  );
}
