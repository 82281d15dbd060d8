import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { float16ToFloat32 } from './float16';
import { instrumentGraph } from './instrument';
import { allocateModelBuffer } from './modelBuffer';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';
import type { RunResult } from '../../src/lib/core/types';

const { onnx } = onnxProto;
const TINY = { layers: 3, heads: 4, hidden: 32, maxPositions: 128, seed: 5 } as const;
const TEXT = 'The trophy did not fit in the suitcase because it was too big.';

/** Renames every node and intermediate tensor to meaningless names: only structure is left. */
function anonymise(bytes: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph as onnxProto.onnx.GraphProto;
  const keep = new Set([...graph.input, ...graph.output].map((v) => v.name));
  const rename = new Map<string, string>();
  const nameOf = (t: string) => {
    if (t === '' || keep.has(t)) return t;
    if (!rename.has(t)) rename.set(t, `t${rename.size}`);
    return rename.get(t)!;
  };
  for (const init of graph.initializer) init.name = nameOf(init.name ?? '');
  (graph.node as onnxProto.onnx.NodeProto[]).forEach((node, i) => {
    node.name = `n${i}`;
    node.input = node.input.map(nameOf);
    node.output = node.output.map(nameOf);
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Moves every initializer's bytes to model.onnx_data, as large Hub exports do. */
function externalise(bytes: Uint8Array): { model: Uint8Array; data: Uint8Array } {
  const model = onnx.ModelProto.decode(bytes);
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const init of (model.graph as onnxProto.onnx.GraphProto).initializer as onnxProto.onnx.TensorProto[]) {
    const raw = init.rawData;
    chunks.push(raw);
    init.rawData = new Uint8Array(0);
    init.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    init.externalData = [
      { key: 'location', value: 'model.onnx_data' },
      { key: 'offset', value: String(offset) },
      { key: 'length', value: String(raw.length) },
    ];
    offset += raw.length;
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { model: onnx.ModelProto.encode(model).finish(), data };
}

async function runWith(files: Record<string, Uint8Array | string>): Promise<RunResult<'attention' | 'hidden'>> {
  const engine = createNodeEngine(1);
  await engine.load(new MemoryReader('variant', files), { backend: 'wasm', dtype: 'fp32' });
  return engine.run({ text: TEXT, outputs: ['attention', 'hidden'] });
}

describe('instrumentation finds attention and hidden states by graph structure', () => {
  const fixture = generateBertFixture(TINY);
  const model = fixture.files['onnx/model.onnx'] as Uint8Array;
  let named: RunResult<'attention' | 'hidden'>;

  beforeAll(async () => {
    named = await runWith(fixture.files);
  });

  it('orders the Softmax outputs by layer and finds embeddings + every layer output', () => {
    const { layout } = instrumentGraph(model);
    expect(layout.attentionOutputs).toEqual(fixture.tensorNames.attentionProbs);
    expect(layout.hiddenOutputs).toEqual([fixture.tensorNames.embeddingsOutput, ...fixture.tensorNames.layerOutputs]);
    expect(layout.logitsOutput).toBe('logits');
  });

  it('gives the same numbers when no node or tensor name says what it is', async () => {
    const anonymous = anonymise(model);
    const { layout } = instrumentGraph(anonymous);
    expect(layout.attentionOutputs.every((n) => /^t\d+$/.test(n))).toBe(true);
    expect(layout.hiddenOutputs).toHaveLength(TINY.layers + 1);
    const result = await runWith({ ...fixture.files, 'onnx/model.onnx': anonymous });
    expect(maxAbsDiff(result.attention, named.attention)).toBe(0);
    expect(maxAbsDiff(result.hidden, named.hidden)).toBe(0);
  });

  it('loads a model whose weights live in an external .onnx_data file', async () => {
    const { model: small, data } = externalise(model);
    expect(small.length).toBeLessThan(model.length / 5);
    expect(instrumentGraph(small).layout.externalDataFiles).toEqual(['model.onnx_data']);
    const result = await runWith({ ...fixture.files, 'onnx/model.onnx': small, 'onnx/model.onnx_data': data });
    expect(maxAbsDiff(result.attention, named.attention)).toBe(0);
  });

  it('says which file is missing when the external data is not there', async () => {
    const { model: small } = externalise(model);
    const engine = createNodeEngine(1);
    await expect(
      engine.load(new MemoryReader('variant', { ...fixture.files, 'onnx/model.onnx': small }), { dtype: 'fp32' }),
    ).rejects.toMatchObject({ code: 'model-not-found', message: expect.stringContaining('onnx/model.onnx_data') });
  });

  it('can leave the weights in the file’s bytes: a small graph points into them, with the same numbers', async () => {
    const options = { heads: TINY.heads };
    const inline = instrumentGraph(model, options);
    const outside = instrumentGraph(model, { ...options, externalWeights: { file: 'weights.bin', minBytes: 1024 } });
    expect(outside.weights).toEqual({ path: 'weights.bin', data: model });
    expect(outside.bytes.length).toBeLessThan(inline.bytes.length / 5);
    // Each large tensor points at exactly its own raw data in the original bytes; small ones stay inline.
    const original = new Map(
      (onnx.ModelProto.decode(model).graph!.initializer as onnxProto.onnx.TensorProto[]).map((t) => [t.name, t]),
    );
    let pointed = 0;
    for (const t of onnx.ModelProto.decode(outside.bytes).graph!.initializer as onnxProto.onnx.TensorProto[]) {
      const source = original.get(t.name);
      if (!source) continue; // the head mask's own constants
      const where = Object.fromEntries(t.externalData.map((e) => [e.key, e.value]));
      if (source.rawData.length < 1024) {
        expect(t.dataLocation ?? 0, t.name).toBe(0);
        expect(t.rawData, t.name).toEqual(source.rawData);
        continue;
      }
      pointed++;
      expect(t.dataLocation, t.name).toBe(onnx.TensorProto.DataLocation.EXTERNAL);
      expect(t.rawData.length, t.name).toBe(0);
      expect(where.location).toBe('weights.bin');
      const at = Number(where.offset);
      expect(model.subarray(at, at + Number(where.length))).toEqual(source.rawData);
      expect([t.dims.map(Number), t.dataType]).toEqual([source.dims.map(Number), source.dataType]);
    }
    expect(pointed).toBeGreaterThan(10);
    // onnxruntime-web computes the same with either graph.
    const ids = [2, 40, 41, 3];
    const feeds = (names: readonly string[]) =>
      Object.fromEntries(
        names.map((name) => {
          if (name === 'head_mask')
            return [
              name,
              new ort.Tensor('float32', new Float32Array(TINY.layers * TINY.heads).fill(1), [TINY.layers, TINY.heads]),
            ];
          const values = name === 'input_ids' ? ids : ids.map(() => (name === 'attention_mask' ? 1 : 0));
          return [name, new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, ids.length])];
        }),
      );
    const a = await ort.InferenceSession.create(inline.bytes);
    const b = await ort.InferenceSession.create(outside.bytes, { externalData: [outside.weights!] });
    const [ra, rb] = [await a.run(feeds(a.inputNames)), await b.run(feeds(b.inputNames))];
    expect(Object.keys(rb).sort()).toEqual(Object.keys(ra).sort());
    for (const name of Object.keys(ra)) expect(rb[name]!.data, name).toEqual(ra[name]!.data);
    await Promise.all([a.release(), b.release()]);
  });

  it('appends its patch in place only into buffers made with room for it', () => {
    const roomy = allocateModelBuffer(model.length);
    roomy.set(model);
    const patched = instrumentGraph(roomy).bytes;
    expect(patched.buffer).toBe(roomy.buffer);
    // A plain view (e.g. part of a bigger buffer) is never written past its end.
    const host = new Uint8Array(model.length + 100).fill(7);
    host.set(model);
    const view = host.subarray(0, model.length);
    expect(instrumentGraph(view).bytes.buffer).not.toBe(host.buffer);
    expect(host.subarray(model.length).every((b) => b === 7)).toBe(true);
  });
});

describe('float16 outputs', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x7c00, Infinity],
  ])('half 0x%s is %s', (half, value) => {
    expect(float16ToFloat32(Uint16Array.of(half))[0]).toBe(value);
  });
});
