/**
 * Aggregates over heads and layers as small ONNX graphs, so the heavy linear algebra runs in the
 * same ORT runtime as the model (MLAS MatMuls on threaded WASM or WebGPU in the browser, native
 * or WASM in Node) instead of in JavaScript loops. Sequence length is a dynamic dim: one session
 * per layer count serves every input length.
 *
 * Inputs of every graph: `attention` [L, H, S, S] (row i = attention from token i) and `heads`
 * [L, H] (1 = include the head, 0 = leave it out).
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const OPSET = 17;

export const AGGREGATE_INPUTS = { attention: 'attention', heads: 'heads' } as const;
export const AGGREGATE_OUTPUT = 'aggregate';

type Node = onnxProto.onnx.INodeProto;
type Tensor = onnxProto.onnx.ITensorProto;

function int64s(name: string, values: number[], dims: number[] = [values.length]): Tensor {
  return { name, dataType: INT64, dims, int64Data: values };
}

function float(name: string, value: number): Tensor {
  return { name, dataType: FLOAT, dims: [], floatData: [value] };
}

function node(
  opType: string,
  input: string[],
  output: string[],
  attribute: onnxProto.onnx.IAttributeProto[] = [],
): Node {
  return { opType, input, output, name: output[0], attribute };
}

const intAttr = (name: string, i: number): onnxProto.onnx.IAttributeProto => ({
  name,
  type: onnx.AttributeProto.AttributeType.INT,
  i,
});

function valueInfo(name: string, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function model(name: string, nodes: Node[], initializer: Tensor[], outputDims: (number | string)[]): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'bertology-lens',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name,
      node: nodes,
      initializer,
      input: [
        valueInfo(AGGREGATE_INPUTS.attention, ['L', 'H', 'S', 'S']),
        valueInfo(AGGREGATE_INPUTS.heads, ['L', 'H']),
      ],
      output: [valueInfo(AGGREGATE_OUTPUT, outputDims)],
    },
  }).finish();
}

/**
 * Each layer's mean of its chosen heads times `scale`, [L, S, S]. The weights are folded into the
 * tiny [L, H] mask first, so the big tensor is read once, by one batched MatMul:
 * [L, 1, H] · [L, H, S²]. A layer with no head chosen comes out 0 (weights over max(count, 1)).
 */
function headMeanNodes(scale: number): { nodes: Node[]; initializer: Tensor[] } {
  const { attention, heads } = AGGREGATE_INPUTS;
  return {
    initializer: [
      int64s('axis_1', [1]),
      float('one', 1),
      float('inverse_scale', 1 / scale),
      int64s('flat_heads', [0, 0, -1]),
      int64s('minus_one', [-1]),
    ],
    nodes: [
      node('ReduceSum', [heads, 'axis_1'], ['count'], [intAttr('keepdims', 1)]),
      node('Max', ['count', 'one'], ['count_safe']),
      node('Mul', ['count_safe', 'inverse_scale'], ['denominator']),
      node('Div', [heads, 'denominator'], ['weights']),
      node('Unsqueeze', ['weights', 'axis_1'], ['weights3']),
      node('Reshape', [attention, 'flat_heads'], ['flat']),
      node('MatMul', ['weights3', 'flat'], ['weighted']),
      node('Shape', [attention], ['square'], [intAttr('start', 2)]),
      node('Concat', ['minus_one', 'square'], ['layer_shape'], [intAttr('axis', 0)]),
      node('Reshape', ['weighted', 'layer_shape'], ['half_mean']),
    ],
  };
}

/**
 * Attention rollout after every layer, [L, S, S] (Abnar & Zuidema 2020; the same arithmetic as
 * analysis/rollout.ts): Â_l = rows-renormalised 0.5·mean(chosen heads) + 0.5·I, then
 * rollout_0 = Â_0 and rollout_l = Â_l · rollout_{l-1}. The chain is unrolled over the L layers.
 */
export function rolloutGraph(layers: number): Uint8Array {
  if (!Number.isInteger(layers) || layers < 1)
    throw new RangeError(`A rollout needs at least one layer, not ${layers}.`);
  const means = headMeanNodes(0.5);
  const initializer = [...means.initializer, float('half', 0.5), int64s('axis_0', [0]), int64s('axis_2', [2])];
  const nodes: Node[] = [
    ...means.nodes,
    // The identity at the input's (dynamic) length: EyeLike of one [S, S] slice.
    node('Gather', ['half_mean', 'index_0'], ['first_layer'], [intAttr('axis', 0)]),
    node('EyeLike', ['first_layer'], ['eye']),
    node('Mul', ['eye', 'half'], ['half_eye']),
    node('Add', ['half_mean', 'half_eye'], ['mixed']),
    node('ReduceSum', ['mixed', 'axis_2'], ['row_sums'], [intAttr('keepdims', 1)]),
    node('Div', ['mixed', 'row_sums'], ['residual']),
  ];
  const rolled: string[] = [];
  for (let l = 0; l < layers; l++) {
    initializer.push(int64s(`index_${l}`, [l], []));
    nodes.push(node('Gather', ['residual', `index_${l}`], [`residual_${l}`], [intAttr('axis', 0)]));
    if (l === 0) nodes.push(node('Identity', ['residual_0'], ['rolled_0']));
    else nodes.push(node('MatMul', [`residual_${l}`, `rolled_${l - 1}`], [`rolled_${l}`]));
    nodes.push(node('Unsqueeze', [`rolled_${l}`, 'axis_0'], [`stacked_${l}`]));
    rolled.push(`stacked_${l}`);
  }
  nodes.push(node('Concat', rolled, [AGGREGATE_OUTPUT], [intAttr('axis', 0)]));
  return model('rollout', nodes, initializer, [layers, 'S', 'S']);
}

/** Mean of the chosen heads over all layers, [S, S] (a layer mean is the same with one layer's heads chosen). */
export function meanGraph(): Uint8Array {
  const { attention, heads } = AGGREGATE_INPUTS;
  const initializer = [float('one', 1), int64s('row', [1, -1])];
  const nodes: Node[] = [
    node('ReduceSum', [heads], ['count'], [intAttr('keepdims', 0)]),
    node('Max', ['count', 'one'], ['count_safe']),
    node('Div', [heads, 'count_safe'], ['weights']),
    node('Reshape', ['weights', 'row'], ['weights_row']),
    node('Shape', [attention], ['size'], [intAttr('start', 2)]),
    node('Flatten', [attention], ['flat'], [intAttr('axis', 2)]),
    node('MatMul', ['weights_row', 'flat'], ['weighted']),
    node('Reshape', ['weighted', 'size'], [AGGREGATE_OUTPUT]),
  ];
  return model('mean', nodes, initializer, ['S', 'S']);
}

/** A plain chain of L−1 MatMuls over [L, S, S] matrices, the floor a rollout graph is measured against. */
export function matMulChainGraph(layers: number): Uint8Array {
  if (!Number.isInteger(layers) || layers < 2)
    throw new RangeError(`A chain needs at least two matrices, not ${layers}.`);
  const initializer: Tensor[] = [];
  const nodes: Node[] = [];
  for (let l = 0; l < layers; l++) {
    initializer.push(int64s(`index_${l}`, [l], []));
    nodes.push(node('Gather', ['matrices', `index_${l}`], [`m_${l}`], [intAttr('axis', 0)]));
    if (l > 0)
      nodes.push(node('MatMul', [`m_${l}`, l === 1 ? 'm_0' : `p_${l - 1}`], [l === layers - 1 ? 'product' : `p_${l}`]));
  }
  return onnx.ModelProto.encode({
    irVersion: 8,
    producerName: 'bertology-lens',
    opsetImport: [{ domain: '', version: OPSET }],
    graph: {
      name: 'matmul_chain',
      node: nodes,
      initializer,
      input: [valueInfo('matrices', [layers, 'S', 'S'])],
      output: [valueInfo('product', ['S', 'S'])],
    },
  }).finish();
}
