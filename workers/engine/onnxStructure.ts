/**
 * Decodes just the structure of an ONNX model (nodes, inputs, outputs, initializer names and
 * where their data lives), skipping over the weight bytes. A full protobuf decode of a 500 MB
 * model takes seconds; this walk takes milliseconds, so instrumentation adds almost nothing to
 * a model load.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

/** Field numbers from onnx.proto. */
export const MODEL_GRAPH = 7;
export const GRAPH = { node: 1, initializer: 5, input: 11, output: 12 } as const;
export const TENSOR = { dataType: 2, name: 8, rawData: 9, externalData: 13, dataLocation: 14 } as const;

class ProtoCursor {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) throw new Error(`truncated varint at offset ${this.pos}`);
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
      if (shift > 63) throw new Error(`malformed varint at offset ${this.pos}`);
    }
  }

  /** Reads a field key; returns the field number and the wire type. */
  key(): [number, number] {
    const key = this.varint();
    return [Math.floor(key / 8), key & 7];
  }

  /** Returns [start, end) of a length-delimited field's payload and moves past it. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    const end = start + length;
    if (end > this.end) throw new Error(`field of ${length} bytes runs past the end at offset ${start}`);
    this.pos = end;
    return [start, end];
  }

  skip(wire: number): void {
    if (wire === WIRE_VARINT) this.varint();
    else if (wire === WIRE_FIXED64) this.pos += 8;
    else if (wire === WIRE_BYTES) this.span();
    else if (wire === WIRE_FIXED32) this.pos += 4;
    else throw new Error(`invalid wire type ${wire} at offset ${this.pos}`);
    if (this.pos > this.end) throw new Error(`field runs past the end at offset ${this.pos}`);
  }
}

export interface InitializerInfo {
  name: string;
  /** TensorProto.DataType (1 float32, 10 float16, 3 int8…); 0 if absent. */
  dataType: number;
  dataLocation: number;
  externalData: { key: string; value: string }[];
  /** [start, end) of the TensorProto's payload in the model's bytes. */
  payload: [number, number];
  /** Where raw_data sits: its field, key included, and its payload; absent when the tensor has none. */
  rawData?: { fieldStart: number; start: number; end: number };
}

/** Where one field of a message sits in the bytes: [start, end) from its key to the end of its payload. */
export interface FieldSpan {
  field: number;
  start: number;
  end: number;
  /** For graph nodes: the index into `nodes`. */
  node?: number;
}

export interface ModelStructure {
  /** Top-level ModelProto fields, in order. */
  modelFields: FieldSpan[];
  /** The fields of the graph (of every graph field, merged), in order. */
  graphFields: FieldSpan[];
  nodes: onnxProto.onnx.INodeProto[];
  inputs: onnxProto.onnx.IValueInfoProto[];
  outputs: onnxProto.onnx.IValueInfoProto[];
  initializers: InitializerInfo[];
}

export function decodeStructure(bytes: Uint8Array): ModelStructure {
  const structure: ModelStructure = {
    modelFields: [],
    graphFields: [],
    nodes: [],
    inputs: [],
    outputs: [],
    initializers: [],
  };
  const model = new ProtoCursor(bytes);
  while (!model.done) {
    const start = model.pos;
    const [field, wire] = model.key();
    // graph may appear more than once (appended patches): protobuf merges them, and so do we.
    if (field === MODEL_GRAPH && wire === WIRE_BYTES) readGraph(bytes, model.span(), structure);
    else model.skip(wire);
    structure.modelFields.push({ field, start, end: model.pos });
  }
  return structure;
}

function readGraph(bytes: Uint8Array, [start, end]: [number, number], into: ModelStructure): void {
  const graph = new ProtoCursor(bytes, start, end);
  while (!graph.done) {
    const fieldStart = graph.pos;
    const [field, wire] = graph.key();
    if (wire !== WIRE_BYTES) {
      graph.skip(wire);
      into.graphFields.push({ field, start: fieldStart, end: graph.pos });
      continue;
    }
    const [s, e] = graph.span();
    const payload = bytes.subarray(s, e);
    into.graphFields.push({
      field,
      start: fieldStart,
      end: e,
      ...(field === GRAPH.node ? { node: into.nodes.length } : {}),
    });
    if (field === GRAPH.node) into.nodes.push(onnx.NodeProto.decode(payload));
    else if (field === GRAPH.input) into.inputs.push(onnx.ValueInfoProto.decode(payload));
    else if (field === GRAPH.output) into.outputs.push(onnx.ValueInfoProto.decode(payload));
    else if (field === GRAPH.initializer) into.initializers.push(readInitializer(bytes, s, e));
  }
}

function readInitializer(bytes: Uint8Array, start: number, end: number): InitializerInfo {
  const info: InitializerInfo = { name: '', dataType: 0, dataLocation: 0, externalData: [], payload: [start, end] };
  const tensor = new ProtoCursor(bytes, start, end);
  while (!tensor.done) {
    const fieldStart = tensor.pos;
    const [field, wire] = tensor.key();
    if (field === TENSOR.rawData && wire === WIRE_BYTES) {
      const [s, e] = tensor.span();
      info.rawData = { fieldStart, start: s, end: e };
    } else if (field === TENSOR.name && wire === WIRE_BYTES) {
      const [s, e] = tensor.span();
      info.name = new TextDecoder().decode(bytes.subarray(s, e));
    } else if (field === TENSOR.dataType && wire === WIRE_VARINT) {
      info.dataType = tensor.varint();
    } else if (field === TENSOR.dataLocation && wire === WIRE_VARINT) {
      info.dataLocation = tensor.varint();
    } else if (field === TENSOR.externalData && wire === WIRE_BYTES) {
      const [s, e] = tensor.span();
      const entry = onnx.StringStringEntryProto.decode(bytes.subarray(s, e));
      info.externalData.push({ key: entry.key, value: entry.value });
    } else {
      tensor.skip(wire); // raw_data and friends: skipped, never copied
    }
  }
  return info;
}
