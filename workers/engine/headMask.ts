/**
 * Real head ablation: the graph gets a `head_mask` input of shape [layers, heads] (1 = keep,
 * 0 = ablate) that multiplies each layer's attention probabilities right after the Softmax, so
 * switching a head off changes what the model computes downstream (Michel et al. 2019 mask heads
 * the same way). The graph is rebuilt field by field: nodes are re-encoded, every other field
 * (the weights above all) is copied as raw bytes, never decoded.
 */
import onnxProto from 'onnx-proto';
import { allocateModelBuffer } from './modelBuffer';
import { GRAPH, MODEL_GRAPH, TENSOR, type InitializerInfo, type ModelStructure } from './onnxStructure';

const { onnx } = onnxProto;

export const HEAD_MASK_INPUT = 'head_mask';
const PREFIX = '/bertology/head_mask';
const GRAPH_INITIALIZER = GRAPH.initializer;

export interface HeadMaskedGraph {
  bytes: Uint8Array;
  /** Per layer: the masked attention probabilities (what the rest of the layer now reads). */
  maskedAttention: string[];
}

/**
 * @param softmaxOutputs each layer's Softmax output, ordered by layer
 * @param extraOutputs tensors to expose as graph outputs as well (hidden states)
 * @param floatType ONNX element type of the probabilities (1 float32, 10 float16)
 */
export function addHeadMask(
  bytes: Uint8Array,
  structure: ModelStructure,
  softmaxOutputs: string[],
  extraOutputs: string[],
  heads: number,
  floatType: number,
  /**
   * Keep the graph's own outputs (logits). Without them, the nodes and weights that only they need
   * (the masked-LM head, the rest of the last layer after its attention) are left out: ONNX Runtime
   * would otherwise still compute them.
   */
  keepModelOutputs = true,
  /** Leave the weights where they are: see ExternalWeights. */
  externalWeights?: ExternalWeights,
): HeadMaskedGraph {
  const layers = softmaxOutputs.length;
  const masked = softmaxOutputs.map((_, i) => `${PREFIX}/layer.${i}/probs`);
  const rename = new Map(softmaxOutputs.map((name, i) => [name, masked[i]!]));
  const layerOf = new Map(softmaxOutputs.map((name, i) => [name, i]));

  const needed = keepModelOutputs ? undefined : neededFor(structure, [...softmaxOutputs, ...extraOutputs]);
  const graphPieces: Uint8Array[] = [];
  let initializer = 0;
  for (const span of structure.graphFields) {
    const tensor = span.field === GRAPH_INITIALIZER ? structure.initializers[initializer++] : undefined;
    if (needed) {
      if (span.field === GRAPH.output) continue;
      if (span.node !== undefined && !needed.nodes.has(span.node)) continue;
      if (tensor && !needed.tensors.has(tensor.name)) continue;
    }
    const outside = tensor && externalWeights ? pointedAt(bytes, tensor, externalWeights) : null;
    if (outside) {
      graphPieces.push(field(GRAPH_INITIALIZER, outside));
      continue;
    }
    if (span.node === undefined) {
      graphPieces.push(bytes.subarray(span.start, span.end));
      continue;
    }
    const node = structure.nodes[span.node]!;
    const reads = (node.input ?? []).some((i) => rename.has(i));
    if (reads) {
      const rewired = { ...node, input: (node.input ?? []).map((i) => rename.get(i) ?? i) };
      graphPieces.push(field(GRAPH.node, onnx.NodeProto.encode(rewired).finish()));
    } else {
      graphPieces.push(bytes.subarray(span.start, span.end));
    }
    // The mask nodes go right after the Softmax they scale, keeping the node list topologically sorted.
    const softmaxOut = (node.output ?? []).find((o) => layerOf.has(o));
    if (softmaxOut !== undefined) {
      for (const maskNode of maskNodes(layerOf.get(softmaxOut)!, softmaxOut, masked[layerOf.get(softmaxOut)!]!)) {
        graphPieces.push(field(GRAPH.node, onnx.NodeProto.encode(maskNode).finish()));
      }
    }
  }
  for (let i = 0; i < layers; i++)
    graphPieces.push(field(GRAPH_INITIALIZER, int64Tensor(`${PREFIX}/layer.${i}/index`, [], [i])));
  graphPieces.push(field(GRAPH_INITIALIZER, int64Tensor(`${PREFIX}/shape`, [4], [1, -1, 1, 1])));
  graphPieces.push(
    field(
      GRAPH.input,
      onnx.ValueInfoProto.encode({
        name: HEAD_MASK_INPUT,
        type: { tensorType: { elemType: floatType, shape: { dim: [{ dimValue: layers }, { dimValue: heads }] } } },
      }).finish(),
    ),
  );
  const existing = new Set(keepModelOutputs ? structure.outputs.map((o) => o.name ?? '') : []);
  for (const name of [...masked, ...extraOutputs]) {
    if (!existing.has(name)) graphPieces.push(field(GRAPH.output, onnx.ValueInfoProto.encode({ name }).finish()));
  }

  const modelPieces: Uint8Array[] = structure.modelFields
    .filter((f) => f.field !== MODEL_GRAPH)
    .map((f) => bytes.subarray(f.start, f.end));
  const graphLength = graphPieces.reduce((n, p) => n + p.length, 0);
  modelPieces.push(fieldHeader(MODEL_GRAPH, graphLength), ...graphPieces);
  return { bytes: concat(modelPieces, allocateModelBuffer), maskedAttention: masked };
}

/**
 * Weights the rebuilt graph does not copy: each initializer of at least `minBytes` of raw data
 * becomes an external tensor that points at its own bytes in the original model, which the runtime
 * is given as the external data file `file` (onnxruntime-web's `externalData`). ONNX Runtime Web
 * then copies each weight once, from the original bytes into its own memory, instead of holding a
 * copy of the whole model while it parses it: for a 530 MB bert-base graph, the rebuilt model is a
 * few hundred kilobytes and the load's peak memory drops by about a gigabyte.
 */
export interface ExternalWeights {
  file: string;
  minBytes: number;
}

/** The TensorProto of `tensor` with its raw data replaced by a pointer into `file`, or null to keep it as it is. */
function pointedAt(bytes: Uint8Array, tensor: InitializerInfo, { file, minBytes }: ExternalWeights): Uint8Array | null {
  const raw = tensor.rawData;
  if (!raw || raw.end - raw.start < minBytes || tensor.dataLocation !== 0 || tensor.externalData.length) return null;
  const [start, end] = tensor.payload;
  const entry = (key: string, value: string) =>
    field(TENSOR.externalData, onnx.StringStringEntryProto.encode({ key, value }).finish());
  const pieces = [
    bytes.subarray(start, raw.fieldStart),
    bytes.subarray(raw.end, end),
    entry('location', file),
    entry('offset', String(raw.start)),
    entry('length', String(raw.end - raw.start)),
    Uint8Array.of(TENSOR.dataLocation * 8, 1), // data_location: EXTERNAL
  ];
  return concat(pieces);
}

/** The pieces one after the other, in a buffer from `allocate`. */
function concat(
  pieces: Uint8Array[],
  allocate: (length: number) => Uint8Array = (length) => new Uint8Array(length),
): Uint8Array {
  const out = allocate(pieces.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/**
 * The nodes that `wanted` depends on, and every tensor they read, walking back from `wanted`
 * (ONNX keeps nodes in topological order). Undefined for graphs with subgraphs (a subgraph may read any
 * outer tensor): then every node is kept.
 */
function neededFor(
  structure: ModelStructure,
  wanted: string[],
): { nodes: Set<number>; tensors: Set<string> } | undefined {
  const { nodes } = structure;
  if (nodes.some((n) => (n.attribute ?? []).some((a) => a.g || (a.graphs?.length ?? 0) > 0))) return undefined;
  const tensors = new Set(wanted);
  const kept = new Set<number>();
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!(node.output ?? []).some((o) => tensors.has(o))) continue;
    kept.add(i);
    for (const input of node.input ?? []) if (input) tensors.add(input);
  }
  return { nodes: kept, tensors };
}

/** head_mask[layer] → reshape to [1, H, 1, 1] → multiply the [B, H, S, S] probabilities. */
function maskNodes(layer: number, probs: string, maskedProbs: string): onnxProto.onnx.INodeProto[] {
  const base = `${PREFIX}/layer.${layer}`;
  return [
    {
      name: `${base}/Gather`,
      opType: 'Gather',
      input: [HEAD_MASK_INPUT, `${base}/index`],
      output: [`${base}/row`],
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    },
    { name: `${base}/Reshape`, opType: 'Reshape', input: [`${base}/row`, `${PREFIX}/shape`], output: [`${base}/mask`] },
    { name: `${base}/Mul`, opType: 'Mul', input: [probs, `${base}/mask`], output: [maskedProbs] },
  ];
}

function int64Tensor(name: string, dims: number[], values: number[]): Uint8Array {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return onnx.TensorProto.encode({ name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: raw }).finish();
}

function field(number: number, payload: Uint8Array): Uint8Array {
  const header = fieldHeader(number, payload.length);
  const out = new Uint8Array(header.length + payload.length);
  out.set(header, 0);
  out.set(payload, header.length);
  return out;
}

/** Key (field number, wire type 2) and length of a length-delimited field. */
function fieldHeader(number: number, length: number): Uint8Array {
  const bytes = [...varint(number * 8 + 2), ...varint(length)];
  return Uint8Array.from(bytes);
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
