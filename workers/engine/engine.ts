/**
 * The engine: load a BERT-like model's files, instrument its graph, create an ORT session on
 * WebGPU or WASM, and run text through it returning attention, hidden states and [MASK]
 * predictions as flat typed arrays. No DOM: the worker and the CLI both drive it.
 */
import type * as Ort from 'onnxruntime-web';
import { tokenScore, topKPredictions } from './maskedLm';
import { EngineError, firstLine } from '../../src/lib/core/errors';
import { validateConfig, validateTokenizerConfig, type BertConfig } from '../../src/lib/core/configSchema';
import { float16ToFloat32 } from './float16';
import { ENCODER_DECODER_HINT, instrumentGraph, type GraphLayout } from './instrument';
import { padBatch, unpadAttention } from './batch';
import type { ModelFileReader, ProgressCallback } from './modelFiles';
import { CHARS_PER_TOKEN_READ, encodeInput, pinnedTokenId, type TokenizerHandle } from './tokenize';
import { createTokenizerHandle } from './tokenizerHandle';
import { buildModelFamily, FamilyError, type ModelFamily } from '../../src/lib/core/family';
import type {
  Backend,
  HeadRef,
  LoadOptions,
  MaskPrediction,
  ModelDtype,
  ModelInfo,
  RunBase,
  RunInput,
  RunResult,
  TensorName,
} from '../../src/lib/core/types';

type OrtModule = typeof Ort;

export interface EngineHost {
  ort: OrtModule;
  /** True when a WebGPU adapter can be had (we ask for one; 'gpu' in navigator is not enough). */
  probeWebGpu(): Promise<boolean>;
  now(): number;
  /**
   * The CPU runtime, when it is not onnxruntime-web's WASM: the backend runs report and extra session
   * options (onnxruntime-node: backend 'cpu' and its thread count).
   */
  cpu?: { backend: Backend; sessionOptions?: Ort.InferenceSession.SessionOptions };
  /** Makes `ort` the runtime build `backend` needs (the browser loads only that build). */
  prepareRuntime?(backend: Backend): Promise<void>;
}

/** Where the instrumented graph's weights point on onnxruntime-web (instrument.ts, externalWeights). */
const EXTERNAL_WEIGHTS = { file: 'bertology-weights.bin', minBytes: 1024 };

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
  /** The instrumented graph, kept only on WebGPU: a failing GPU run rebuilds the session on the CPU from it. */
  modelBytes: Uint8Array | null;
  externalData: { path: string; data: Uint8Array }[];
}

/** Load options only an in-process caller (the CLI) gives: not part of the worker protocol. */
export interface EngineLoadOptions extends LoadOptions {
  /**
   * Build a session that computes attention only (corpus runs): no logits, no hidden states, and
   * none of the nodes and weights only they need. Runs then return no predictions or hidden states.
   */
  attentionOnly?: boolean;
}

export class BertEngine {
  private model: LoadedModel | null = null;
  /** Where the last load's time went, ms: reading files, instrumenting the graph, creating the session. */
  loadTimings: Record<string, number> = {};
  /** Counts loads, so every result can say which model computed it. */
  private loads = 0;

  constructor(private readonly host: EngineHost) {}

  get info(): ModelInfo | null {
    return this.model?.info ?? null;
  }

  async load(
    reader: ModelFileReader,
    options: EngineLoadOptions = {},
    onProgress?: ProgressCallback,
  ): Promise<ModelInfo> {
    await this.dispose();
    const tStart = this.host.now();
    const configJson = await readJson(reader, 'config.json', onProgress, true);
    const config = parseConfig(configJson);
    const tokenizer = await loadTokenizer(reader, configJson, onProgress);
    // RoBERTa-style position tables reserve rows for the padding offset.
    config.maxPositions -= tokenizer.family.positionOffset;
    // Asked even when WebGPU is forced: without an adapter there is no point trying.
    const wantGpu = options.backend !== 'wasm' && (await this.host.probeWebGpu());
    const notices: string[] = [];
    if (options.backend === 'webgpu' && !wantGpu) notices.push('WebGPU is not available here; running on WASM.');
    const dtype: ModelDtype = options.dtype ?? (wantGpu ? 'fp32' : 'q8');
    const { path: modelFile, bytes } = await readModelFile(reader, dtype, onProgress);
    const tRead = this.host.now();
    const cpuBackend = this.host.cpu?.backend ?? 'wasm';
    const {
      bytes: instrumented,
      layout,
      weights,
    } = instrumentGraph(bytes, {
      heads: config.heads,
      ...(options.attentionOnly ? { attentionOnly: { hidden: false } } : {}),
      // On onnxruntime-web the weights stay in the file's bytes instead of being copied twice more.
      ...(cpuBackend === 'wasm' ? { externalWeights: EXTERNAL_WEIGHTS } : {}),
    });
    const tInstrument = this.host.now();
    notices.push(...layout.notices);
    if (config.layers && layout.attentionOutputs.length !== config.layers) {
      notices.push(
        `config.json says ${config.layers} layers but the graph has ${layout.attentionOutputs.length} attention layers; showing the graph's.`,
      );
    }
    const dir = modelFile.includes('/') ? modelFile.slice(0, modelFile.lastIndexOf('/') + 1) : '';
    const externalData = weights ? [weights] : [];
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
    let backend: Backend = wantGpu ? 'webgpu' : cpuBackend;
    let session: Ort.InferenceSession;
    try {
      session = await this.createSession(instrumented, externalData, backend);
    } catch (error) {
      if (backend !== 'webgpu') throw sessionError(error);
      notices.push(`WebGPU failed to start (${firstLine(errorText(error), 120)}); running on WASM instead.`);
      backend = cpuBackend;
      session = await this.createSession(instrumented, externalData, backend).catch((e: unknown) => {
        throw sessionError(e);
      });
    }
    this.loadTimings = {
      filesMs: tRead - tStart,
      instrumentMs: tInstrument - tRead,
      sessionMs: this.host.now() - tInstrument,
    };
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
      family: tokenizer.family,
      notices,
      loadId: ++this.loads,
    };
    // On the CPU the bytes are not needed again: a bert-base graph is 440 MB that ORT has copied.
    // (With the weights left in the file's bytes, those are the external data: kept only on WebGPU too.)
    const modelBytes = backend === 'webgpu' ? instrumented : null;
    this.model = { info, session, layout, tokenizer, modelBytes, externalData: modelBytes ? externalData : [] };
    return info;
  }

  /** Runs a text; only the tensors named in `input.outputs` (attention when none) are extracted and returned. */
  async run<T extends TensorName = 'attention'>(input: RunInput<T>, requestId = 0): Promise<RunResult<T>> {
    const model = this.model;
    if (!model) throw new EngineError('no-model', 'No model is loaded yet.', 'Load a model first.');
    const wanted = new Set<TensorName>(input.outputs ?? ['attention']);
    for (const name of ['values', 'qk'] as const) {
      if (wanted.has(name)) {
        throw new EngineError(
          'output-unavailable',
          `The engine does not extract ${name === 'qk' ? 'queries and keys' : 'value vectors'} yet; a run can ask for attention and hidden states.`,
          'Ask for outputs: ["attention"] and/or ["hidden"].',
        );
      }
    }
    const t0 = this.host.now();
    const encoded = encodeInput(model.tokenizer, input.text, input.pair, model.info.maxTokens);
    const maskId = model.tokenizer.family.tokens.mask?.id;
    const fetch: Fetch = {
      attention: wanted.has('attention'),
      hidden: wanted.has('hidden'),
      logits: maskId !== undefined && encoded.inputIds.includes(maskId),
    };
    const t1 = this.host.now();
    const notices: string[] = [];
    let outputs: Ort.InferenceSession.ReturnType;
    try {
      outputs = await this.runSession(model, encoded.inputIds, encoded.tokenTypeIds, input.ablate, fetch);
    } catch (error) {
      if (model.info.backend !== 'webgpu') throw runError(error);
      // A lost device or a kernel WebGPU lacks: rebuild on WASM once and say so.
      notices.push(`WebGPU failed during the run (${firstLine(errorText(error), 120)}); switched to WASM.`);
      await model.session.release().catch(() => undefined);
      const cpuBackend = this.host.cpu?.backend ?? 'wasm';
      if (!model.modelBytes) throw runError(error);
      model.session = await this.createSession(model.modelBytes, model.externalData, cpuBackend);
      model.info = { ...model.info, backend: cpuBackend, notices: [...model.info.notices, notices[0]!] };
      outputs = await this.runSession(model, encoded.inputIds, encoded.tokenTypeIds, input.ablate, fetch).catch(
        (e: unknown) => {
          throw runError(e);
        },
      );
    }
    const t2 = this.host.now();
    const seq = encoded.inputIds.length;
    const { layout, info } = model;
    const tensors: Partial<TensorsByName> = {};
    if (fetch.attention) {
      tensors.attention = stack(
        layout.attentionOutputs.map((name) => outputs[name]!),
        info.heads * seq * seq,
      );
    }
    if (fetch.hidden) {
      tensors.hidden = layout.hiddenOutputs.length
        ? stack(
            layout.hiddenOutputs.map((name) => outputs[name]!),
            seq * info.hidden,
          )
        : new Float32Array(0);
    }
    const predictions: MaskPrediction[] = [];
    const logits = fetch.logits && layout.logitsOutput ? outputs[layout.logitsOutput] : undefined;
    if (logits && maskId !== undefined) {
      const flat = tensorToFloat32(logits);
      const vocab = flat.length / seq;
      const pinned = (input.pinned ?? []).map((word) => pinnedTokenId(model.tokenizer, word));
      encoded.inputIds.forEach((id, position) => {
        if (id !== maskId) return;
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
    const base: RunBase = {
      requestId,
      tokens: encoded.tokens,
      predictions,
      backend: model.info.backend,
      timings: { tokenizeMs: t1 - t0, inferenceMs: t2 - t1, extractMs: t3 - t2 },
      truncatedTokens: encoded.truncatedTokens,
      ablated: input.ablate ?? [],
      notices,
      loadId: model.info.loadId,
    };
    const result: Record<string, unknown> = { ...base };
    if (tensors.attention) {
      result.attention = tensors.attention;
      result.attentionDims = [layout.attentionOutputs.length, info.heads, seq, seq];
    }
    if (tensors.hidden) {
      result.hidden = tensors.hidden;
      result.hiddenDims = [tensors.hidden.length ? layout.hiddenOutputs.length : 0, seq, info.hidden];
    }
    return result as RunResult<T>;
  }

  /**
   * Runs several inputs as one padded batch: on the CPU the larger matrix products are faster per
   * input (corpus runs). Each result is run()'s for that input alone, up to rounding (workers/engine/
   * batch.ts). One run per input instead when the batch cannot help or be cut apart: a single input,
   * WebGPU, a graph without an attention_mask input or with logits (attention-only graphs batch), or
   * inputs with different ablations.
   */
  async runBatch(inputs: RunInput[]): Promise<RunResult[]> {
    const model = this.model;
    if (!model) throw new EngineError('no-model', 'No model is loaded yet.', 'Load a model first.');
    const ablate = inputs[0]?.ablate ?? [];
    const key = (heads: HeadRef[] = []) => heads.map((h) => `${h.layer}-${h.head}`).join(',');
    if (
      inputs.length < 2 ||
      model.info.backend === 'webgpu' ||
      model.layout.logitsOutput !== null ||
      !model.layout.inputNames.includes('attention_mask') ||
      inputs.some((input) => key(input.ablate) !== key(ablate))
    ) {
      const results: RunResult[] = [];
      for (const input of inputs) results.push(await this.run(input));
      return results;
    }
    const { ort } = this.host;
    const { layout, info } = model;
    const t0 = this.host.now();
    const encoded = inputs.map((input) => encodeInput(model.tokenizer, input.text, input.pair, info.maxTokens));
    const padded = padBatch(encoded);
    const { batch, seq } = padded;
    const t1 = this.host.now();
    const feeds: Record<string, Ort.Tensor> = {};
    for (const name of layout.inputNames) {
      const tensor = (data: BigInt64Array) => new ort.Tensor('int64', data, [batch, seq]);
      if (name === 'input_ids') feeds[name] = tensor(padded.inputIds);
      else if (name === 'attention_mask') feeds[name] = tensor(padded.attentionMask);
      else if (name === 'token_type_ids') feeds[name] = tensor(padded.tokenTypeIds);
      else if (name === 'position_ids') feeds[name] = tensor(padded.positionIds);
      else if (name === layout.headMaskInput)
        feeds[name] = headMaskTensor(ort, info.layers, info.heads, ablate, layout.floatType);
      else return Promise.all(inputs.map((input) => this.run(input))); // an input run() will explain
    }
    const outputs = await model.session.run(feeds, layout.attentionOutputs).catch((error: unknown) => {
      throw runError(error);
    });
    const t2 = this.host.now();
    const attention = layout.attentionOutputs.map((name) => tensorToFloat32(outputs[name]!));
    const results = encoded.map((e, b): RunResult => {
      const n = e.inputIds.length;
      const a = new Float32Array(attention.length * info.heads * n * n);
      attention.forEach((data, l) => unpadAttention(data, info.heads, seq, b, n, a, l * info.heads * n * n));
      const notices =
        e.truncatedTokens > 0
          ? [
              `The text is longer than this model's maximum of ${info.maxTokens} tokens: the last ${e.truncatedTokens} tokens were left out.`,
            ]
          : [];
      return {
        requestId: 0,
        tokens: e.tokens,
        attention: a,
        attentionDims: [attention.length, info.heads, n, n],
        predictions: [],
        backend: info.backend,
        timings: { tokenizeMs: 0, inferenceMs: 0, extractMs: 0 },
        truncatedTokens: e.truncatedTokens,
        ablated: ablate,
        notices,
      };
    });
    for (const tensor of Object.values(outputs)) tensor.dispose();
    const t3 = this.host.now();
    // The batch's times, shared out evenly.
    for (const r of results) {
      r.timings = { tokenizeMs: (t1 - t0) / batch, inferenceMs: (t2 - t1) / batch, extractMs: (t3 - t2) / batch };
    }
    return results;
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
    await this.host.prepareRuntime?.(backend);
    return this.host.ort.InferenceSession.create(bytes, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      // Errors only: WebGPU's "some nodes were not assigned" warning is expected (shape ops run on the CPU).
      logSeverityLevel: 3,
      ...(externalData.length ? { externalData } : {}),
      ...(backend === 'webgpu' ? {} : this.host.cpu?.sessionOptions),
    });
  }

  private async runSession(
    model: LoadedModel,
    inputIds: number[],
    tokenTypeIds: number[],
    ablate: HeadRef[] = [],
    fetch: Fetch = { attention: true, hidden: true, logits: true },
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
      else if (name === 'position_ids') {
        feeds[name] = int64(inputIds.map((_, i) => i + model.tokenizer.family.positionOffset));
      } else if (name === model.layout.headMaskInput)
        feeds[name] = headMaskTensor(ort, layers, heads, ablate, model.layout.floatType);
      else {
        throw new EngineError(
          'not-bert-like',
          `The model expects an input called "${name}", which a BERT-like encoder does not have.`,
          'Load a BERT-family encoder exported to ONNX.',
        );
      }
    }
    // Only what the run asked for leaves the session.
    const fetches = [
      ...(fetch.attention ? model.layout.attentionOutputs : []),
      ...(fetch.hidden ? model.layout.hiddenOutputs : []),
      ...(fetch.logits && model.layout.logitsOutput ? [model.layout.logitsOutput] : []),
    ];
    // ORT needs at least one output: the smallest is the first attention layer.
    if (fetches.length === 0 && model.layout.attentionOutputs[0]) fetches.push(model.layout.attentionOutputs[0]);
    return model.session.run(feeds, fetches);
  }
}

/** Which outputs a run fetches from the session. */
interface Fetch {
  attention: boolean;
  hidden: boolean;
  logits: boolean;
}

interface TensorsByName {
  attention: Float32Array;
  hidden: Float32Array;
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
  const c = json as Record<string, unknown> | null;
  if (c && typeof c === 'object' && c.is_encoder_decoder === true) {
    throw new EngineError(
      'not-bert-like',
      `config.json describes a "${String(c.model_type)}" encoder-decoder model, not a BERT-like encoder.`,
      ENCODER_DECODER_HINT,
    );
  }
  return validateConfig(json);
}

async function loadTokenizer(
  reader: ModelFileReader,
  configJson: unknown,
  onProgress?: ProgressCallback,
): Promise<TokenizerHandle> {
  const json = await readJson(reader, 'tokenizer.json', onProgress, false);
  const config = validateTokenizerConfig(await readJson(reader, 'tokenizer_config.json', onProgress, false));
  if (!json) {
    throw new EngineError(
      'missing-tokenizer',
      `"${reader.label}" has no tokenizer.json, so its text cannot be split into tokens.`,
      'Add the tokenizer.json (and tokenizer_config.json) that belong to the model.',
    );
  }
  let family: ModelFamily;
  try {
    family = buildModelFamily(configJson, json, config);
  } catch (error) {
    if (!(error instanceof FamilyError)) throw error;
    throw new EngineError(
      'missing-tokenizer',
      `The tokenizer of "${reader.label}" cannot be read: ${error.message}`,
      'Replace tokenizer.json with the one that belongs to the model.',
    );
  }
  try {
    return createTokenizerHandle(json, config, family);
  } catch (error) {
    throw new EngineError(
      'missing-tokenizer',
      `tokenizer.json of "${reader.label}" could not be read (${firstLine(errorText(error), 120)}).`,
      'Replace it with the tokenizer.json that belongs to the model.',
    );
  }
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
