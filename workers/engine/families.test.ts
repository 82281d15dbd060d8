/**
 * Every BERT family the app promises, in every form the Hub ships it (fp32, ORT dynamic int8,
 * float16 with float32 IO, fully float16), through the real engine (instrumentation, head mask,
 * onnxruntime-web WASM), checked against the independent float64 forward pass.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture, type BertFixture } from '../../scripts/fixture/bertFixture';
import { fullFloat16Model } from '../../scripts/fixture/bertPlan';
import { concatChunks } from '../../scripts/fixture/fixtureFiles';
import type { FamilyName } from '../../scripts/fixture/families';
import { FIXTURE_PRESETS } from '../../scripts/fixture/presets';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import type { BertEngine } from './engine';
import { bertForward, type BertForwardResult } from './testing/bertForward';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { float16ToFloat32 } from './float16';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';
import type { ModelInfo, RunResult } from '../../src/lib/core/types';

const TEXT = 'The cat sat on the mat.';
const PAIR = 'Where is Paris?';

/** The pair as each family's own tokenizer joins it (hand-written, not from the tokenizer). */
const EXPECTED: Record<FamilyName, { tokens: string; types?: string }> = {
  bert: { tokens: '[CLS] the cat sat on the mat . [SEP] where is paris ? [SEP]', types: '00000000011111' },
  mbert: { tokens: '[CLS] The cat sat on the mat . [SEP] Where is Paris ? [SEP]', types: '00000000011111' },
  distilbert: { tokens: '[CLS] the cat sat on the mat . [SEP] where is paris ? [SEP]' },
  electra: { tokens: '[CLS] the cat sat on the mat . [SEP] where is paris ? [SEP]', types: '00000000011111' },
  albert: { tokens: '[CLS] ▁the ▁cat ▁sat ▁on ▁the ▁mat . [SEP] ▁where ▁is ▁paris ? [SEP]', types: '00000000011111' },
  roberta: { tokens: '<s> The Ġcat Ġsat Ġon Ġthe Ġmat . </s> </s> Where Ġis ĠParis ? </s>' },
  'xlm-roberta': { tokens: '<s> ▁The ▁cat ▁sat ▁on ▁the ▁mat . </s> </s> ▁Where ▁is ▁Paris ? </s>' },
};

type Dtype = 'fp32' | 'q8' | 'fp16 (float32 IO)' | 'fp16 (full)';
const DTYPES: Dtype[] = ['fp32', 'q8', 'fp16 (float32 IO)', 'fp16 (full)'];

/** Largest differences seen, printed at the end for the closing note. */
const measured: string[] = [];

describe.each(Object.keys(EXPECTED) as FamilyName[])('%s', (family) => {
  const preset = FIXTURE_PRESETS[`family-${family}`];
  let fixture: BertFixture;
  const fp16Bytes = new Map<Dtype, Uint8Array>();
  const runs = new Map<Dtype, { info: ModelInfo; result: RunResult<'attention' | 'hidden'>; engine: BertEngine }>();

  function reference(result: Pick<RunResult, 'tokens'>, quantized = false): BertForwardResult {
    return bertForward(quantized ? fixture.quantizedWeights : fixture.weights, fixture.reference, {
      inputIds: result.tokens.map((t) => t.id),
      tokenTypeIds: result.tokens.map((t) => t.segment),
      quantizeActivations: quantized,
    });
  }

  beforeAll(async () => {
    fixture = generateBertFixture(preset.options);
    const full = concatChunks(fullFloat16Model(preset.options));
    for (const dtype of DTYPES) {
      const files = dtype === 'fp16 (full)' ? { ...fixture.files, 'onnx/model_fp16.onnx': full } : fixture.files;
      const fp16 = files['onnx/model_fp16.onnx'];
      if (dtype.startsWith('fp16') && fp16 instanceof Uint8Array) fp16Bytes.set(dtype, fp16);
      const engine = createNodeEngine(1);
      const info = await engine.load(new MemoryReader(family, files), {
        backend: 'wasm',
        dtype: dtype === 'fp32' ? 'fp32' : dtype === 'q8' ? 'q8' : 'fp16',
      });
      runs.set(dtype, {
        info,
        engine,
        result: await engine.run({ text: TEXT, pair: PAIR, outputs: ['attention', 'hidden'] }),
      });
    }
  }, 180_000);

  it('loads each form from its Hub file name, with hidden states and no notice', () => {
    const files = DTYPES.map((d) => runs.get(d)!.info.modelFile);
    expect(files).toEqual([
      'onnx/model.onnx',
      'onnx/model_quantized.onnx',
      'onnx/model_fp16.onnx',
      'onnx/model_fp16.onnx',
    ]);
    for (const dtype of DTYPES) {
      const { info, result } = runs.get(dtype)!;
      expect(info.hasHiddenStates).toBe(true);
      expect([...info.notices, ...result.notices]).toEqual([]);
      expect(result.hiddenDims).toEqual([
        (preset.options.layers ?? 0) + 1,
        result.tokens.length,
        preset.options.hidden,
      ]);
    }
  });

  it('joins the pair as the family does, with the right ids and token types', () => {
    const { result } = runs.get('fp32')!;
    const expected = EXPECTED[family];
    expect(result.tokens.map((t) => t.text).join(' ')).toBe(expected.tokens);
    expect(result.tokens.map((t) => t.id)).toEqual(
      expected.tokens.split(' ').map((t) => fixture.vocabulary.ids.get(t)),
    );
    if (expected.types) expect(result.tokens.map((t) => t.segment).join('')).toBe(expected.types);
    for (const dtype of DTYPES) expect(runs.get(dtype)!.result.tokens).toEqual(result.tokens);
  });

  it('fp32: attention and the residual stream equal the reference within 1e-5', () => {
    const { result } = runs.get('fp32')!;
    const ref = reference(result);
    const att = maxAbsDiff(result.attention, ref.attention);
    const hid = maxAbsDiff(result.hidden, ref.hidden);
    measured.push(`${family} fp32: attention ${att.toExponential(1)}, hidden ${hid.toExponential(1)}`);
    expect(att).toBeLessThanOrEqual(1e-5);
    expect(hid).toBeLessThanOrEqual(1e-5);
  });

  it('q8: equals the reference run with the dequantised weights and uint8 activations within 1e-5', () => {
    const { result } = runs.get('q8')!;
    const ref = reference(result, true);
    const att = maxAbsDiff(result.attention, ref.attention);
    const hid = maxAbsDiff(result.hidden, ref.hidden);
    const drift = maxAbsDiff(result.attention, runs.get('fp32')!.result.attention);
    measured.push(
      `${family} q8: attention ${att.toExponential(1)}, hidden ${hid.toExponential(1)}, vs fp32 ${drift.toExponential(1)}`,
    );
    expect(att).toBeLessThanOrEqual(1e-5);
    expect(hid).toBeLessThanOrEqual(1e-5);
    // Quantisation does change the numbers: the comparison above is not fp32 against itself.
    expect(drift).toBeGreaterThan(1e-4);
  });

  it.each(['fp16 (float32 IO)', 'fp16 (full)'] as const)('%s: agrees with fp32 within 1e-2', (dtype) => {
    const { result } = runs.get(dtype)!;
    const fp32 = runs.get('fp32')!.result;
    const att = maxAbsDiff(result.attention, fp32.attention);
    const hid = maxAbsDiff(result.hidden, reference(fp32).hidden);
    measured.push(
      `${family} ${dtype}: attention vs fp32 ${att.toExponential(1)}, hidden vs reference ${hid.toExponential(1)}`,
    );
    expect(att).toBeLessThanOrEqual(1e-2);
    expect(hid).toBeLessThanOrEqual(1e-2);
  });

  it.each(['fp16 (float32 IO)', 'fp16 (full)'] as const)(
    '%s: the residual stream is the float16 graph’s own, within 1e-5 (the graph run with those tensors as outputs)',
    async (dtype) => {
      const { result } = runs.get(dtype)!;
      // The generator's names for the residual stream: the embeddings' LayerNorm, then each layer's output.
      const names = [fixture.tensorNames.embeddingsOutput, ...fixture.tensorNames.layerOutputs];
      const reference = await runWithOutputs(fp16Bytes.get(dtype)!, names, result.tokens);
      const [layers, seq, width] = result.hiddenDims;
      expect(layers).toBe(names.length);
      let diff = 0;
      names.forEach((name, l) => {
        const expected = reference[name]!;
        expect(expected.length).toBe(seq * width);
        for (let k = 0; k < expected.length; k++) {
          diff = Math.max(diff, Math.abs(result.hidden[l * seq * width + k]! - expected[k]!));
        }
      });
      measured.push(`${family} ${dtype}: hidden vs the graph's own residual stream ${diff.toExponential(1)}`);
      expect(diff).toBeLessThanOrEqual(1e-5);
    },
  );

  it('predicts at the family’s own mask token, as the reference logits rank the vocabulary', async () => {
    const { engine } = runs.get('fp32')!;
    const maskToken = fixture.vocabulary.tokens[fixture.vocabulary.special.mask]!;
    const result = await engine.run({ text: `The cat ${maskToken} on the mat.`, topK: 5 });
    const [prediction] = result.predictions;
    expect(result.tokens[prediction!.position]!.id).toBe(fixture.vocabulary.special.mask);
    const vocab = fixture.reference.vocab_size;
    const logits = reference(result).logits!.subarray(prediction!.position * vocab, (prediction!.position + 1) * vocab);
    const order = Array.from(logits, (v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
    expect(prediction!.ids).toEqual(order.slice(0, 5).map(([, i]) => i));
  });

  it('fp16 with float32 IO: the float16 head mask switches a head off', async () => {
    const { engine } = runs.get('fp16 (float32 IO)')!;
    const result = await engine.run({ text: TEXT, ablate: [{ layer: 1, head: 2 }] });
    const [, heads, seq] = result.attentionDims;
    const start = (1 * heads + 2) * seq * seq;
    expect(result.attention.subarray(start, start + seq * seq).every((v) => v === 0)).toBe(true);
    expect(result.attention.subarray(0, seq * seq).some((v) => v !== 0)).toBe(true);
  });
});

describe('multilingual vocabularies', () => {
  it.each([
    ['mbert', 'Москва это город 東京', '[CLS] Москва это город 東 京 [SEP]'],
    ['xlm-roberta', 'Москва это город', '<s> ▁Москва ▁это ▁город </s>'],
  ] as const)('%s keeps case and non-Latin scripts', async (family, text, tokens) => {
    const fixture = generateBertFixture(FIXTURE_PRESETS[`family-${family}`].options);
    const engine = createNodeEngine(1);
    await engine.load(new MemoryReader(family, fixture.files), { backend: 'wasm', dtype: 'fp32' });
    const result = await engine.run({ text });
    expect(result.tokens.map((t) => t.text).join(' ')).toBe(tokens);
    const ref = bertForward(fixture.weights, fixture.reference, {
      inputIds: result.tokens.map((t) => t.id),
      tokenTypeIds: result.tokens.map((t) => t.segment),
    });
    expect(maxAbsDiff(result.attention, ref.attention)).toBeLessThanOrEqual(1e-5);
  });
});

describe('summary', () => {
  it('prints the largest differences measured', () => {
    expect(measured.length).toBe(7 * 6); // seven families: fp32, q8, two fp16 forms against fp32, and against their own graphs
    console.log(measured.join('\n'));
  });
});

/**
 * Runs a graph as it is, with `names` added as graph outputs (float16 tensors), on plain
 * onnxruntime-web: the reference for what the engine reads out of an instrumented copy.
 */
async function runWithOutputs(
  bytes: Uint8Array,
  names: string[],
  tokens: RunResult['tokens'],
): Promise<Record<string, Float32Array>> {
  const { onnx } = onnxProto;
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  for (const name of names) {
    graph.output!.push({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT16 } } });
  }
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(model).finish());
  const dims = [1, tokens.length];
  const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(tokens.map((t) => t.id)),
    attention_mask: int64(tokens.map(() => 1)),
    token_type_ids: int64(tokens.map((t) => t.segment)),
  };
  const outputs = await session.run(Object.fromEntries(session.inputNames.map((n) => [n, feeds[n]!])), names);
  await session.release();
  return Object.fromEntries(names.map((n) => [n, float16ToFloat32(outputs[n]!.data as Uint16Array)]));
}
