/**
 * Instrumentation on graphs shaped like real exports: attention found by dataflow, hidden states
 * found as the residual stream and checked by structure, never a wrong tensor.
 */
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../scripts/fixture/bertFixture';
import { fullFloat16Model } from '../../scripts/fixture/bertPlan';
import { concatChunks } from '../../scripts/fixture/fixtureFiles';
import { FAMILY_NAMES } from '../../scripts/fixture/families';
import { FIXTURE_PRESETS } from '../../scripts/fixture/presets';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { instrumentGraph } from './instrument';
import { MemoryReader } from './testing/memoryReader';

const { onnx } = onnxProto;
type Graph = onnxProto.onnx.GraphProto;
type Node = onnxProto.onnx.NodeProto;
const nodesOf = (graph: Graph) => graph.node as Node[];

const optionsOf = (family: (typeof FAMILY_NAMES)[number]) => FIXTURE_PRESETS[`family-${family}`].options;
const fixtureOf = (family: (typeof FAMILY_NAMES)[number]) => generateBertFixture(optionsOf(family));
const bytesOf = (files: Record<string, Uint8Array | string>, path: string) => files[path] as Uint8Array;

function edit(bytes: Uint8Array, change: (graph: Graph) => void): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  change(model.graph as Graph);
  return onnx.ModelProto.encode(model).finish();
}

describe.each(FAMILY_NAMES)('%s', (family) => {
  const fixture = fixtureOf(family);
  const expectedHidden = [fixture.tensorNames.embeddingsOutput, ...fixture.tensorNames.layerOutputs];

  it.each([
    ['model.onnx', () => bytesOf(fixture.files, 'onnx/model.onnx'), 1],
    ['model_quantized.onnx', () => bytesOf(fixture.files, 'onnx/model_quantized.onnx'), 1],
    ['model_fp16.onnx (float32 IO)', () => bytesOf(fixture.files, 'onnx/model_fp16.onnx'), 10],
    ['fully float16', () => concatChunks(fullFloat16Model(optionsOf(family))), 10],
  ])('%s: the Softmax of each layer and the residual stream the generator recorded', (_, bytes, floatType) => {
    const { layout } = instrumentGraph(bytes());
    expect(layout.attentionOutputs).toEqual(fixture.tensorNames.attentionProbs);
    expect(layout.hiddenOutputs).toEqual(expectedHidden);
    expect(layout.notices).toEqual([]);
    expect(layout.floatType).toBe(floatType);
  });

  it('every projection output has Shape readers, as x.size() leaves in real exports', () => {
    const graph = onnx.ModelProto.decode(bytesOf(fixture.files, 'onnx/model.onnx')).graph as Graph;
    const valueMatMuls = nodesOf(graph).filter((n) => n.opType === 'MatMul' && /(value|v_lin)\/MatMul$/.test(n.name));
    expect(valueMatMuls.length).toBeGreaterThan(0);
    for (const matmul of valueMatMuls) {
      const bias = nodesOf(graph).find((n) => n.input.includes(matmul.output[0] ?? ''))!;
      const readers = nodesOf(graph)
        .filter((n) => n.input.includes(bias.output[0] ?? ''))
        .map((n) => n.opType);
      expect(readers).toContain('Shape');
    }
  });
});

describe('when the structure does not hold', () => {
  const fixture = fixtureOf('bert');
  const model = bytesOf(fixture.files, 'onnx/model.onnx');

  it('gives no hidden states, and says so, if a value projection does not read the residual stream', () => {
    // Layer 1's value projection reads layer 0's attention LayerNorm instead of layer 0's output.
    const rewired = edit(model, (graph) => {
      const v = nodesOf(graph).find((n) => n.name === '/bert/encoder/layer.1/attention/self/value/MatMul')!;
      v.input[0] = '/bert/encoder/layer.0/attention/output/LayerNorm/Add_1_output_0';
    });
    const { layout } = instrumentGraph(rewired);
    expect(layout.attentionOutputs).toEqual(fixture.tensorNames.attentionProbs);
    expect(layout.hiddenOutputs).toEqual([]);
    expect(layout.notices.join(' ')).toMatch(
      /Hidden states could not be located .* views built on them are unavailable/,
    );
  });

  it('gives no hidden states if a layer has no LayerNorm after its residual sum', () => {
    const noNorm = edit(model, (graph) => {
      const mean = nodesOf(graph).find((n) => n.name === '/bert/encoder/layer.1/output/LayerNorm/ReduceMean')!;
      mean.opType = 'ReduceMax';
    });
    expect(instrumentGraph(noNorm).layout.hiddenOutputs).toEqual([]);
  });

  it('does not take a discriminator’s [batch, seq] logits (ELECTRA pre-training head) for masked-LM logits', () => {
    expect(instrumentGraph(model).layout.logitsOutput).toBe('logits');
    const discriminator = edit(model, (graph) => {
      graph.output[0]!.type!.tensorType!.shape!.dim!.pop();
    });
    expect(instrumentGraph(discriminator).layout.logitsOutput).toBeNull();
  });

  it('refuses an encoder-decoder graph with a message that says what it is', () => {
    const seq2seq = edit(model, (graph) => {
      graph.input.push(onnx.ValueInfoProto.create({ name: 'decoder_input_ids' }));
    });
    expect(() => instrumentGraph(seq2seq)).toThrow(/encoder-decoder or decoder model \(it takes "decoder_input_ids"\)/);
  });

  it('refuses an encoder-decoder config.json before reading the model', async () => {
    const t5 = { model_type: 't5', is_encoder_decoder: true, d_model: 64, num_heads: 4, num_layers: 2 };
    const engine = createNodeEngine(1);
    await expect(
      engine.load(new MemoryReader('t5', { ...fixture.files, 'config.json': JSON.stringify(t5) }), { backend: 'wasm' }),
    ).rejects.toMatchObject({
      code: 'not-bert-like',
      message: 'config.json describes a "t5" encoder-decoder model, not a BERT-like encoder.',
      hint: expect.stringContaining('encoder-only models'),
    });
  });

  it('adds a head mask of the probabilities’ type: float16 inside a float32-IO graph', () => {
    const fp16 = bytesOf(fixture.files, 'onnx/model_fp16.onnx');
    const graph = onnx.ModelProto.decode(fp16).graph as Graph;
    expect(graph.output[0]?.type?.tensorType?.elemType).toBe(onnx.TensorProto.DataType.FLOAT);
    const { bytes } = instrumentGraph(fp16, { heads: 4 });
    const headMask = (onnx.ModelProto.decode(bytes).graph as Graph).input.find((i) => i.name === 'head_mask');
    expect(headMask?.type?.tensorType?.elemType).toBe(onnx.TensorProto.DataType.FLOAT16);
  });
});
