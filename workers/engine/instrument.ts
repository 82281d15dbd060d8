/**
 * Graph instrumentation: standard BERT exports return only logits, but they keep an explicit
 * Softmax per layer. We find those Softmax nodes by structure, and the residual-stream tensors
 * between layers, and expose them as extra graph outputs before the ORT session is created.
 */
import onnxProto from 'onnx-proto';
import { EngineError } from '../../src/lib/core/errors';
import { addHeadMask, HEAD_MASK_INPUT, type ExternalWeights } from './headMask';
import { hasSlack, useSlack } from './modelBuffer';
import { ElemType, GraphIndex } from './graphDataflow';
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

/** Graph inputs that only encoder-decoder (seq2seq) models take. */
const DECODER_INPUTS = new Set([
  'decoder_input_ids',
  'decoder_attention_mask',
  'encoder_hidden_states',
  'encoder_outputs',
  'encoder_attention_mask',
  'past_key_values',
]);

export const ENCODER_DECODER_HINT =
  'BERTology Lens reads encoder-only models (BERT, DistilBERT, RoBERTa, XLM-R, ALBERT, ELECTRA). Load one of those.';

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
  /** The external data file the graph's weights now point into (with `externalWeights`). */
  weights?: { path: string; data: Uint8Array };
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
  /**
   * Leave the large weights in `bytes` and point at them (headMask.ts, ExternalWeights): the model
   * is then `bytes` (the result's `weights`) plus a small graph. For onnxruntime-web only, whose
   * `externalData` option takes a buffer; onnxruntime-node reads external data from files.
   */
  externalWeights?: ExternalWeights;
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
      options.externalWeights,
    );
    return {
      bytes: rebuilt.bytes,
      ...(options.externalWeights ? { weights: { path: options.externalWeights.file, data: bytes } } : {}),
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
  const decoderInput = model.inputs.find(
    (i) => DECODER_INPUTS.has(i.name ?? '') || (i.name ?? '').startsWith('past_key_values'),
  );
  if (decoderInput) {
    throw new EngineError(
      'not-bert-like',
      `This is an encoder-decoder or decoder model (it takes "${decoderInput.name}"), not a BERT-like encoder.`,
      ENCODER_DECODER_HINT,
    );
  }

  const graph = new GraphIndex(model);
  const inputNames = model.inputs.map((i) => i.name ?? '').filter((n) => !graph.isStatic(n) && n !== HEAD_MASK_INPUT);

  const attention = nodes
    .filter((n) => n.opType === 'Softmax')
    .map((softmax) => attentionAt(graph, softmax))
    .filter((a): a is AttentionSite => a !== null);
  if (attention.length === 0) {
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
  const ordered = orderByLayer(attention, graph);
  const attentionOutputs = ordered.map((a) => a.probs);
  const notices: string[] = [];
  const hiddenOutputs = residualStream(ordered, graph);
  if (hiddenOutputs.length === 0) {
    notices.push(
      'Hidden states could not be located in this graph, so the views built on them are unavailable; attention is still exact.',
    );
  }
  // Masked-LM logits are [batch, seq, vocab]; a discriminator's (ELECTRA) or classifier's are not.
  const logits = graphOutputs.find((o) => {
    const rank = o.type?.tensorType?.shape?.dim?.length;
    return o.name === 'logits' && (rank === undefined || rank === 3);
  });
  const externalDataFiles = [
    ...new Set(
      initializers
        .filter((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)
        .map((t) => t.externalData.find((e) => e.key === 'location')?.value ?? '')
        .filter((loc) => loc !== ''),
    ),
  ];
  const probsType = graph.elemType(attentionOutputs[0]!);
  return {
    attentionOutputs,
    headMaskInput: null,
    hiddenOutputs,
    logitsOutput: logits?.name ?? null,
    inputNames,
    externalDataFiles,
    floatType: probsType === ElemType.FLOAT16 ? ElemType.FLOAT16 : ElemType.FLOAT,
    notices,
  };
}

/** One layer's self-attention, located by dataflow. */
interface AttentionSite {
  softmax: NodeProto;
  probs: string;
  /** MatMul(Q, Kᵀ). */
  scores: NodeProto;
  /** MatMul(probs, V). */
  context: NodeProto;
}

/** A Softmax is attention when it is fed by MatMul(Q, Kᵀ) (through scaling and masking) and feeds MatMul(probs, V). */
function attentionAt(graph: GraphIndex, softmax: NodeProto): AttentionSite | null {
  const probs = softmax.output?.[0];
  const input = softmax.input?.[0];
  if (!probs || !input) return null;
  const context = graph.valueMatMul(probs);
  const scores = context ? graph.scoresMatMul(input) : null;
  return context && scores ? { softmax, probs, scores, context } : null;
}

/** Order by the layer number in node names when every name has a distinct one; else by graph (topological) order. */
function orderByLayer(sites: AttentionSite[], graph: GraphIndex): AttentionSite[] {
  const layerOf = (a: AttentionSite): number | null => {
    const m = /layers?[._/](\d+)\b|\.(\d+)\/attention/.exec(a.softmax.name ?? '');
    return m ? Number(m[1] ?? m[2]) : null;
  };
  const numbers = sites.map(layerOf);
  if (numbers.every((v) => v !== null) && new Set(numbers).size === numbers.length) {
    return [...sites].sort((a, b) => (layerOf(a) ?? 0) - (layerOf(b) ?? 0));
  }
  return [...sites].sort((a, b) => (graph.order.get(a.softmax) ?? 0) - (graph.order.get(b.softmax) ?? 0));
}

/**
 * The residual stream of a post-LayerNorm encoder (BERT and every family here):
 * x_i, the tensor layer i's query, key and value projections all read, and
 * x_{i+1} = LN(h + FFN(h)) with h = LN(x_i + Attn(x_i)). Each x_i is found from the value
 * projection and then checked: Q and K read it too, and two residual Add + LayerNorm steps lead
 * from it to the next layer's x. Returns [x_0, …, x_L], or [] when any check fails, so that no
 * view ever shows a tensor that is not the residual stream.
 */
function residualStream(sites: AttentionSite[], graph: GraphIndex): string[] {
  const inputs: string[] = [];
  for (const site of sites) {
    const x = graph.projectionInput(site.context.input?.[1] ?? '');
    if (!x) return [];
    const [q, k] = site.scores.input ?? [];
    if (graph.projectionInput(q ?? '') !== x || graph.projectionInput(k ?? '') !== x) return [];
    inputs.push(x);
  }
  const stream = [...inputs];
  for (let i = 0; i < inputs.length; i++) {
    const out = layerOutput(inputs[i]!, graph);
    if (!out) return [];
    if (i + 1 < inputs.length) {
      if (out !== inputs[i + 1]) return [];
    } else {
      stream.push(out);
    }
  }
  return stream;
}

/** From a layer's input, the two residual Add → LayerNorm steps (attention, then feed-forward). */
function layerOutput(x: string, graph: GraphIndex): string | null {
  let stream = x;
  for (let step = 0; step < 2; step++) {
    const add = graph.residualAdd(stream);
    const sum = add?.output?.[0];
    const normed = sum ? graph.layerNormOutput(sum) : null;
    if (!normed) return null;
    stream = normed;
  }
  return stream;
}
