/**
 * Dataflow over an ONNX graph: which input of a node carries the attention scores, where a
 * projection reads its input from, where a LayerNorm's result is, and each tensor's element type.
 * Decisions follow what a tensor is computed from, never the position of an argument or how
 * many other nodes read it, because exports differ exactly there: DistilBERT's masked_fill puts
 * the scores third in `Where(mask, fill, scores)`, and `x.size()` adds `Shape` readers everywhere.
 */
import type onnxProto from 'onnx-proto';
import type { ModelStructure } from './onnxStructure';

type NodeProto = onnxProto.onnx.INodeProto;

/** TensorProto.DataType values we meet. */
export const ElemType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10 } as const;

/** Ops through which the scores reach the Softmax: scaling, masking, casts and views. */
const SCORE_PATH_OPS = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Where',
  'Expand',
  'Cast',
  'Reshape',
  'Transpose',
  'Identity',
  'Dropout',
  'Clip',
  'Max',
  'Min',
]);
/** Ops that only move or retype a tensor. */
const VIEW_OPS = new Set(['Reshape', 'Transpose', 'Cast', 'Identity', 'Squeeze', 'Unsqueeze', 'Flatten', 'Dropout']);
const BINARY_OPS = new Set(['Add', 'Sub', 'Mul', 'Div']);
/** Ops whose result type is fixed, whatever their inputs are. */
const FIXED_OUTPUT_TYPES: Record<string, number> = {
  Shape: ElemType.INT64,
  Size: ElemType.INT64,
  Equal: ElemType.BOOL,
  Not: ElemType.BOOL,
  Less: ElemType.BOOL,
  Greater: ElemType.BOOL,
  And: ElemType.BOOL,
  Or: ElemType.BOOL,
  MatMulInteger: ElemType.INT32,
  ConvInteger: ElemType.INT32,
  NonZero: ElemType.INT64,
  ArgMax: ElemType.INT64,
};

export class GraphIndex {
  readonly producer = new Map<string, NodeProto>();
  readonly consumers = new Map<string, NodeProto[]>();
  /** Initializers, Constant outputs, shape computations and anything computed only from those. */
  private readonly staticTensors = new Set<string>();
  private readonly types = new Map<string, number>();
  private readonly typeMemo = new Map<string, number | null>();
  readonly order = new Map<NodeProto, number>();

  constructor(readonly model: ModelStructure) {
    for (const init of model.initializers) {
      this.staticTensors.add(init.name);
      if (init.dataType) this.types.set(init.name, init.dataType);
    }
    for (const input of model.inputs) {
      const elem = input.type?.tensorType?.elemType;
      if (input.name && elem) this.types.set(input.name, elem);
    }
    model.nodes.forEach((node, i) => {
      this.order.set(node, i);
      for (const o of node.output ?? []) this.producer.set(o, node);
      for (const name of node.input ?? []) {
        if (!name) continue;
        const list = this.consumers.get(name);
        if (list) list.push(node);
        else this.consumers.set(name, [node]);
      }
      const inputs = (node.input ?? []).filter((n) => n !== '');
      const op = node.opType ?? '';
      const isStatic =
        op === 'Constant' ||
        op === 'Shape' ||
        op === 'Size' ||
        op === 'ConstantOfShape' ||
        (inputs.length > 0 && inputs.every((n) => this.staticTensors.has(n)));
      if (isStatic) for (const o of node.output ?? []) this.staticTensors.add(o);
    });
  }

  isStatic(tensor: string): boolean {
    return this.staticTensors.has(tensor);
  }

  readers(tensor: string): NodeProto[] {
    return this.consumers.get(tensor) ?? [];
  }

  /** The inputs of a node that carry activations (not weights, constants or shapes). */
  dynamicInputs(node: NodeProto): string[] {
    return (node.input ?? []).filter((n) => n !== '' && !this.isStatic(n));
  }

  /**
   * Does `tensor` come, through scaling, masking and casts only, from a MatMul of two activations
   * (the Q·Kᵀ product)? Returns that MatMul. Every data input is followed, so the mask's branch
   * simply fails while the scores' branch succeeds, whatever their order.
   */
  scoresMatMul(tensor: string, depth = 12): NodeProto | null {
    const node = this.producer.get(tensor);
    if (!node || depth === 0) return null;
    const op = node.opType ?? '';
    if (op === 'MatMul') return this.dynamicInputs(node).length === 2 ? node : null;
    if (!SCORE_PATH_OPS.has(op)) return null;
    // Where(cond, x, y): the condition is a mask, never the scores.
    const candidates =
      op === 'Where'
        ? (node.input ?? []).slice(1)
        : op === 'Expand' || VIEW_OPS.has(op)
          ? [node.input?.[0] ?? '']
          : (node.input ?? []);
    for (const input of candidates) {
      if (!input || this.isStatic(input)) continue;
      const found = this.scoresMatMul(input, depth - 1);
      if (found) return found;
    }
    return null;
  }

  /** The MatMul that multiplies `probs` (possibly after a cast, mask or dropout) with the values. */
  valueMatMul(probs: string, depth = 3): NodeProto | null {
    for (const reader of this.readers(probs)) {
      const op = reader.opType ?? '';
      if (op === 'MatMul') {
        if (reader.input?.[0] === probs && this.dynamicInputs(reader).length === 2) return reader;
        continue;
      }
      if (depth > 0 && (VIEW_OPS.has(op) || op === 'Where' || op === 'Mul')) {
        const next = reader.output?.[0];
        const found = next ? this.valueMatMul(next, depth - 1) : null;
        if (found) return found;
      }
    }
    return null;
  }

  /**
   * The tensor a linear projection reads: walk back from its (per-head) output through views,
   * the bias Add, scaling by constants, and ORT's dynamic-quantisation nodes
   * (Mul(Cast(MatMulInteger(DynamicQuantizeLinear(x), W)), scales)) to MatMul(x, W).
   */
  projectionInput(tensor: string, depth = 16): string | null {
    const node = this.producer.get(tensor);
    if (!node || depth === 0) return null;
    const op = node.opType ?? '';
    const inputs = node.input ?? [];
    if (op === 'MatMul' || op === 'Gemm' || op === 'MatMulNBits') {
      const [x, w] = inputs;
      return x && w && !this.isStatic(x) && this.isStatic(w) ? x : null;
    }
    if (op === 'MatMulInteger') {
      const quantizer = this.producer.get(inputs[0] ?? '');
      if (!this.isStatic(inputs[1] ?? '')) return null;
      if (quantizer?.opType === 'DynamicQuantizeLinear') return quantizer.input?.[0] ?? null;
      return inputs[0] ?? null;
    }
    if (VIEW_OPS.has(op)) return this.projectionInput(inputs[0] ?? '', depth - 1);
    if (BINARY_OPS.has(op)) {
      const dynamic = this.dynamicInputs(node).filter((n) => !this.isQuantScale(n));
      if (dynamic.length !== 1) return null;
      return this.projectionInput(dynamic[0]!, depth - 1);
    }
    return null;
  }

  /** x_scale · W_scale in a dynamically quantised MatMul. */
  private isQuantScale(tensor: string): boolean {
    const node = this.producer.get(tensor);
    if (node?.opType === 'DynamicQuantizeLinear') return node.output?.[1] === tensor;
    if (node?.opType !== 'Mul') return false;
    return (node.input ?? []).every((n) => this.isStatic(n) || this.isQuantScale(n));
  }

  /**
   * The residual Add that reads `stream`: an Add whose other operand is an activation computed
   * from `stream` itself (the sublayer's output), not a bias or a mask.
   */
  residualAdd(stream: string): NodeProto | null {
    const adds = this.readers(stream).filter((n) => {
      if (n.opType !== 'Add') return false;
      const other = (n.input ?? []).find((i) => i !== stream);
      return other !== undefined && !this.isStatic(other) && this.dependsOn(other, stream, 64);
    });
    return adds.length === 1 ? adds[0]! : null;
  }

  /** Is `tensor` computed from `source` within `depth` nodes? */
  private dependsOn(tensor: string, source: string, depth: number): boolean {
    const seen = new Set<string>();
    const stack: [string, number][] = [[tensor, depth]];
    while (stack.length) {
      const [t, d] = stack.pop()!;
      if (t === source) return true;
      if (d === 0 || seen.has(t)) continue;
      seen.add(t);
      const node = this.producer.get(t);
      for (const i of node?.input ?? []) if (i && !this.isStatic(i)) stack.push([i, d - 1]);
    }
    return false;
  }

  /**
   * The result of the LayerNorm applied to `x`: a LayerNormalization node, or the decomposed
   * form opset < 17 exports: (x - ReduceMean(x)) / Sqrt(ReduceMean(Pow(·, 2)) + eps) · γ + β.
   */
  layerNormOutput(x: string): string | null {
    const readers = this.readers(x);
    const fused = readers.find((n) => n.opType === 'LayerNormalization' && n.input?.[0] === x);
    if (fused) return fused.output?.[0] ?? null;
    const mean = readers.find((n) => n.opType === 'ReduceMean')?.output?.[0];
    if (!mean) return null;
    const centre = readers.find((n) => n.opType === 'Sub' && n.input?.[0] === x && n.input?.[1] === mean)?.output?.[0];
    if (!centre) return null;
    const normed = this.readers(centre).find((n) => n.opType === 'Div' && n.input?.[0] === centre)?.output?.[0];
    if (!normed) return null;
    const scaled = this.readers(normed).find((n) => n.opType === 'Mul' && this.dynamicInputs(n).length === 1);
    const gammaOut = scaled?.output?.[0];
    if (!gammaOut) return null;
    const shifted = this.readers(gammaOut).find((n) => n.opType === 'Add' && this.dynamicInputs(n).length === 1);
    return shifted?.output?.[0] ?? null;
  }

  /** Element type of a tensor, from its source: inputs, initializers, Cast targets, constants. */
  elemType(tensor: string, depth = 64): number | null {
    const known = this.types.get(tensor);
    if (known !== undefined) return known;
    if (this.typeMemo.has(tensor)) return this.typeMemo.get(tensor)!;
    const node = this.producer.get(tensor);
    let type: number | null = null;
    if (node && depth > 0) {
      const op = node.opType ?? '';
      const attr = (name: string) => node.attribute?.find((a) => a.name === name);
      if (op in FIXED_OUTPUT_TYPES) type = FIXED_OUTPUT_TYPES[op]!;
      else if (op === 'Cast') type = Number(attr('to')?.i ?? 0) || null;
      else if (op === 'Constant') type = attr('value')?.t?.dataType ?? null;
      else if (op === 'DynamicQuantizeLinear') type = node.output?.[1] === tensor ? ElemType.FLOAT : ElemType.UINT8;
      else if (op === 'DequantizeLinear') type = this.elemType(node.input?.[1] ?? '', depth - 1);
      else if (op === 'Where')
        type = this.elemType(node.input?.[1] ?? '', depth - 1) ?? this.elemType(node.input?.[2] ?? '', depth - 1);
      else {
        for (const input of node.input ?? []) {
          if (!input) continue;
          type = this.elemType(input, depth - 1);
          if (type !== null) break;
        }
      }
    }
    this.typeMemo.set(tensor, type);
    return type;
  }
}
