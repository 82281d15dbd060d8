/**
 * Graph instrumentation: standard BERT exports return only logits, but they keep an explicit
 * Softmax per layer. We find those Softmax nodes by structure, and the residual-stream tensors
 * between layers, and expose them as extra graph outputs before the ORT session is created.
 */
import onnxProto from 'onnx-proto';
import { EngineError } from '../../src/lib/core/errors';
import { addHeadMask, HEAD_MASK_INPUT } from './headMask';
import { hasSlack, useSlack } from './modelBuffer';
import { decodeStructure, type ModelStructure } from './onnxStructure';

const { onnx } = onnxProto;
type NodeProto = onnxProto.onnx.INodeProto;

/** Ops that mean the graph computes attention inside one fused kernel: its probabilities are not exposed. */
const FUSED_ATTENTION_OPS = new Set([
  'Attention',
  'MultiHeadAttention',
  'PackedAttention',
  'PackedMultiHeadAttention',
  'GroupQueryAttention',
  'DecoderMaskedMultiHeadAttention',
  'DecoderMaskedSelfAttention',
  'SparseAttention',
]);

/** Ops we walk through when tracing a projection back to the tensor it projects. */
const PASS_THROUGH_FIRST_INPUT = new Set([
  'Reshape',
  'Transpose',
  'MatMul',
  'MatMulInteger',
  'Gemm',
  'Cast',
  'DynamicQuantizeLinear',
  'DequantizeLinear',
  'QuantizeLinear',
  'MatMulNBits',
]);
const BINARY_ELEMENTWISE = new Set(['Add', 'Mul', 'Sub', 'Div']);

export interface GraphLayout {
  /** Attention probabilities per layer, ordered by layer: the head-masked ones when the graph has a head mask. */
  attentionOutputs: string[];
  /** The name of the [layers, heads] head-mask input, when instrumentation added one. */
  headMaskInput: string | null;
  /** Residual-stream tensors: embeddings output, then each layer's output. Empty if they could not be found. */
  hiddenOutputs: string[];
  /** Name of the MLM logits output, if the graph has one. */
  logitsOutput: string | null;
  inputNames: string[];
  /** Initializer files the graph stores outside itself (e.g. model.onnx_data). */
  externalDataFiles: string[];
  /** Element type of the attention probabilities: 1 = float32, 10 = float16. */
  floatType: number;
  notices: string[];
}

export interface InstrumentedModel {
  bytes: Uint8Array;
  layout: GraphLayout;
}

export function decodeModel(bytes: Uint8Array): ModelStructure {
  let model: ModelStructure;
  try {
    model = decodeStructure(bytes);
  } catch (error) {
    throw new EngineError(
      'corrupt-model',
      `The model file is not a readable ONNX file (${error instanceof Error ? error.message : String(error)}).`,
      'The download may be incomplete or the file damaged: clear the cached copy and load it again.',
    );
  }
  if (model.nodes.length === 0) {
    throw new EngineError(
      'corrupt-model',
      'The model file holds no ONNX graph.',
      'Check that the file is an ONNX model (model.onnx) and that it downloaded completely.',
    );
  }
  return model;
}

/** Finds attention probabilities and hidden states in a BERT-like graph and adds them as outputs. */
export interface InstrumentOptions {
  /** Heads per layer: when given, a `head_mask` input is wired in after every attention Softmax. */
  heads?: number;
  /**
   * Only attention (and `hidden` states): the graph's own outputs (logits) are dropped, so the runtime
   * skips the layers only they need (the masked-LM head). For corpus runs that read attention only.
   */
  attentionOnly?: { hidden: boolean };
}

export function instrumentGraph(bytes: Uint8Array, options: InstrumentOptions = {}): InstrumentedModel {
  const model = decodeModel(bytes);
  const layout = analyseGraph(model);
  if (options.heads) {
    const only = options.attentionOnly;
    const hiddenOutputs = only && !only.hidden ? [] : layout.hiddenOutputs;
    const rebuilt = addHeadMask(
      bytes,
      model,
      layout.attentionOutputs,
      hiddenOutputs,
      options.heads,
      layout.floatType,
      only === undefined,
    );
    return {
      bytes: rebuilt.bytes,
      layout: {
        ...layout,
        hiddenOutputs,
        logitsOutput: only ? null : layout.logitsOutput,
        attentionOutputs: rebuilt.maskedAttention,
        headMaskInput: HEAD_MASK_INPUT,
        inputNames: [...layout.inputNames, HEAD_MASK_INPUT],
      },
    };
  }
  const existing = new Set(model.outputs.map((o) => o.name ?? ''));
  const extra = [...layout.attentionOutputs, ...layout.hiddenOutputs].filter((n) => !existing.has(n));
  // Appending a ModelProto that holds only graph.output merges into the original's repeated field:
  // no need to re-encode hundreds of megabytes of weights.
  const patch = onnx.ModelProto.encode({
    graph: { output: extra.map((name) => ({ name })) },
  }).finish();
  return { bytes: appendBytes(bytes, patch), layout };
}

function appendBytes(bytes: Uint8Array, patch: Uint8Array): Uint8Array {
  const end = bytes.byteOffset + bytes.length;
  if (hasSlack(bytes.buffer, end + patch.length)) {
    useSlack(bytes.buffer); // the slack is used up
    const out = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length + patch.length);
    out.set(patch, bytes.length);
    return out;
  }
  const out = new Uint8Array(bytes.length + patch.length);
  out.set(bytes, 0);
  out.set(patch, bytes.length);
  return out;
}

export function analyseGraph(model: ModelStructure): GraphLayout {
  const { nodes, initializers, outputs: graphOutputs } = model;
  const fused = nodes.find((n) => FUSED_ATTENTION_OPS.has(n.opType ?? '') && n.domain === 'com.microsoft');
  if (fused) {
    throw new EngineError(
      'fused-attention',
      `This model computes attention in one fused operator (com.microsoft ${fused.opType}), so its attention weights cannot be read out.`,
      "Use an unoptimised export (e.g. the Hub's onnx/model.onnx made by optimum without --optimize), which keeps a Softmax per layer.",
    );
  }

  const constants = new Set<string>(initializers.map((t) => t.name ?? ''));
  for (const n of nodes) if (n.opType === 'Constant') for (const o of n.output ?? []) constants.add(o);
  const producer = new Map<string, NodeProto>();
  const consumers = new Map<string, NodeProto[]>();
  nodes.forEach((n) => {
    for (const o of n.output ?? []) producer.set(o, n);
    for (const i of n.input ?? []) {
      if (!i) continue;
      const list = consumers.get(i);
      if (list) list.push(n);
      else consumers.set(i, [n]);
    }
  });
  const inputNames = model.inputs.map((i) => i.name ?? '').filter((n) => !constants.has(n) && n !== HEAD_MASK_INPUT);

  const softmaxes = nodes.filter(
    (n) => n.opType === 'Softmax' && isAttentionSoftmax(n, producer, consumers, constants),
  );
  if (softmaxes.length === 0) {
    throw new EngineError(
      'not-bert-like',
      'This model has no self-attention layers that BERTology Lens recognises (no Softmax feeding an attention-times-value MatMul).',
      'Load a BERT-family encoder (BERT, DistilBERT, RoBERTa, ELECTRA…) exported to ONNX without fused attention.',
    );
  }
  if (!inputNames.includes('input_ids')) {
    throw new EngineError(
      'not-bert-like',
      'This model does not take token ids (no input named input_ids), so it is not a BERT-like text encoder.',
      'Load a BERT-family text model exported to ONNX.',
    );
  }
  const ordered = orderByLayer(softmaxes, nodes);
  const attentionOutputs = ordered.map((n) => n.output?.[0] ?? '');
  const notices: string[] = [];
  const hiddenOutputs = findHiddenStates(ordered, nodes, graphOutputs, producer, consumers, constants);
  if (hiddenOutputs.length === 0) {
    notices.push('Hidden states could not be located in this graph; attention is still exact.');
  }
  const logits = graphOutputs.find((o) => o.name === 'logits');
  const externalDataFiles = [
    ...new Set(
      initializers
        .filter((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)
        .map((t) => t.externalData.find((e) => e.key === 'location')?.value ?? '')
        .filter((loc) => loc !== ''),
    ),
  ];
  return {
    attentionOutputs,
    headMaskInput: null,
    hiddenOutputs,
    logitsOutput: logits?.name ?? null,
    inputNames,
    externalDataFiles,
    floatType: detectFloatType(graphOutputs),
    notices,
  };
}

/** An attention Softmax feeds MatMul(probs, V) and is fed (through scaling and masking) by MatMul(Q, Kᵀ). */
function isAttentionSoftmax(
  softmax: NodeProto,
  producer: Map<string, NodeProto>,
  consumers: Map<string, NodeProto[]>,
  constants: Set<string>,
): boolean {
  const out = softmax.output?.[0];
  if (!out) return false;
  const feedsValueMatMul = (consumers.get(out) ?? []).some((c) => {
    if (c.opType === 'MatMul') return c.input?.[0] === out;
    // Some exports cast or mask the probabilities before multiplying by V (e.g. Where on fully-masked rows).
    if (c.opType === 'Cast' || c.opType === 'Where' || c.opType === 'Mul' || c.opType === 'Dropout') {
      const next = c.output?.[0] ?? '';
      return (consumers.get(next) ?? []).some((m) => m.opType === 'MatMul' && m.input?.[0] === next);
    }
    return false;
  });
  if (!feedsValueMatMul) return false;
  let tensor = softmax.input?.[0] ?? '';
  for (let step = 0; step < 8; step++) {
    const node = producer.get(tensor);
    if (!node) return false;
    if (node.opType === 'MatMul') {
      const [a, b] = node.input ?? [];
      return !!a && !!b && !constants.has(a) && !constants.has(b);
    }
    tensor = dataInput(node, constants) ?? '';
  }
  return false;
}

/** Order by the layer number in node names when every name has one; else by graph (topological) order. */
function orderByLayer(softmaxes: NodeProto[], nodes: NodeProto[]): NodeProto[] {
  const layerOf = (n: NodeProto): number | null => {
    const m = /layers?[._/](\d+)\b|\.(\d+)\/attention/.exec(n.name ?? '');
    return m ? Number(m[1] ?? m[2]) : null;
  };
  const numbers = softmaxes.map(layerOf);
  if (numbers.every((v) => v !== null) && new Set(numbers).size === numbers.length) {
    return [...softmaxes].sort((a, b) => (layerOf(a) ?? 0) - (layerOf(b) ?? 0));
  }
  const index = new Map(nodes.map((n, i) => [n, i]));
  return [...softmaxes].sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0));
}

/** The input of a node that carries data (not weights, shapes or constants). */
function dataInput(node: NodeProto, constants: Set<string>): string | undefined {
  const inputs = (node.input ?? []).filter((i) => i !== '');
  if (BINARY_ELEMENTWISE.has(node.opType ?? '')) {
    return inputs.find((i) => !constants.has(i)) ?? inputs[0];
  }
  return inputs[0];
}

/**
 * The residual stream entering layer i is the tensor its value projection reads: trace V back
 * (Transpose ← Reshape ← Add(bias) ← MatMul(X, W)) to the first tensor that has several readers
 * (the Q/K/V projections and the residual Add). The last layer's output has no next layer, so we
 * find the node that plays the same part in the last layer as the previous layer's output does.
 */
function findHiddenStates(
  softmaxes: NodeProto[],
  nodes: NodeProto[],
  graphOutputs: onnxProto.onnx.IValueInfoProto[],
  producer: Map<string, NodeProto>,
  consumers: Map<string, NodeProto[]>,
  constants: Set<string>,
): string[] {
  const layerInputs: string[] = [];
  for (const softmax of softmaxes) {
    const probs = softmax.output?.[0] ?? '';
    const valueMatMul = findValueMatMul(probs, consumers);
    const value = valueMatMul?.input?.[1];
    const x = value ? traceResidual(value, producer, consumers, constants) : null;
    if (!x) return [];
    layerInputs.push(x);
  }
  const last = findLastLayerOutput(softmaxes, layerInputs, nodes, graphOutputs, producer);
  return last ? [...layerInputs, last] : [];
}

function findValueMatMul(probs: string, consumers: Map<string, NodeProto[]>): NodeProto | undefined {
  for (const c of consumers.get(probs) ?? []) {
    if (c.opType === 'MatMul' && c.input?.[0] === probs) return c;
    const next = c.output?.[0] ?? '';
    const m = (consumers.get(next) ?? []).find((n) => n.opType === 'MatMul' && n.input?.[0] === next);
    if (m) return m;
  }
  return undefined;
}

function traceResidual(
  start: string,
  producer: Map<string, NodeProto>,
  consumers: Map<string, NodeProto[]>,
  constants: Set<string>,
): string | null {
  let tensor = start;
  for (let step = 0; step < 24; step++) {
    const node = producer.get(tensor);
    const readers = consumers.get(tensor)?.length ?? 0;
    if (step > 0 && readers > 1 && node?.opType !== 'DynamicQuantizeLinear') return tensor;
    if (!node) return step > 0 ? tensor : null;
    const op = node.opType ?? '';
    if (!PASS_THROUGH_FIRST_INPUT.has(op) && !BINARY_ELEMENTWISE.has(op)) return null;
    const next = dataInput(node, constants);
    if (!next) return null;
    tensor = next;
  }
  return null;
}

function findLastLayerOutput(
  softmaxes: NodeProto[],
  layerInputs: string[],
  nodes: NodeProto[],
  graphOutputs: onnxProto.onnx.IValueInfoProto[],
  producer: Map<string, NodeProto>,
): string | null {
  const count = softmaxes.length;
  if (count >= 2) {
    const prevOutput = layerInputs[count - 1]!;
    const prevNode = producer.get(prevOutput);
    const outIndex = prevNode?.output?.indexOf(prevOutput) ?? -1;
    if (prevNode && outIndex >= 0) {
      // By name: the same node one layer on (".../layer.10/output/LayerNorm/Add_1" → "layer.11").
      const byName = shiftLayerNumber(prevNode.name ?? '', count - 2, count - 1);
      const named = byName ? nodes.find((n) => n.name === byName) : undefined;
      if (named && named.opType === prevNode.opType) return named.output?.[outIndex] ?? null;
      // By position: exports emit every layer with the same node sequence.
      const index = new Map(nodes.map((n, i) => [n, i]));
      const offset = (index.get(prevNode) ?? 0) - (index.get(softmaxes[count - 2]!) ?? 0);
      const candidate = nodes[(index.get(softmaxes[count - 1]!) ?? 0) + offset];
      if (candidate && candidate.opType === prevNode.opType) return candidate.output?.[outIndex] ?? null;
    }
  }
  const lastHidden = graphOutputs.find((o) => o.name === 'last_hidden_state');
  return lastHidden?.name ?? null;
}

function shiftLayerNumber(name: string, from: number, to: number): string | null {
  const pattern = new RegExp(`(layers?[._/])${from}(?=\\b)`);
  return pattern.test(name) ? name.replace(pattern, `$1${to}`) : null;
}

/** float16 exports keep float16 activations; everything else is float32 for our purposes. */
function detectFloatType(graphOutputs: onnxProto.onnx.IValueInfoProto[]): number {
  const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
  const out = graphOutputs[0];
  const elem = out?.type?.tensorType?.elemType;
  return elem === FLOAT16 ? FLOAT16 : onnx.TensorProto.DataType.FLOAT;
}
