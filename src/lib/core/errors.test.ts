import { describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../../scripts/fixture/bertFixture';
import { generateFusedAttentionFixture, generateNonBertFixture } from '../../../scripts/fixture/otherFixtures';
import { createNodeEngine } from '../../../scripts/cli/nodeEngine';
import { EngineError, toErrorInfo, type EngineErrorInfo } from './errors';
import { MemoryReader } from '../../../workers/engine/testing/memoryReader';

const TINY = { layers: 2, heads: 4, hidden: 32, maxPositions: 128, seed: 1 } as const;

async function loadError(files: Record<string, Uint8Array | string>): Promise<EngineErrorInfo> {
  const engine = createNodeEngine(1);
  try {
    await engine.load(new MemoryReader('test-model', files), { backend: 'wasm', dtype: 'fp32' });
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return toErrorInfo(error);
  }
  throw new Error('the model loaded, but it should not have');
}

describe('models that cannot be shown give a typed, readable error', () => {
  const good = generateBertFixture(TINY).files;

  it('fused attention: names the fused operator and says what to load instead', async () => {
    const error = await loadError(generateFusedAttentionFixture({ ...TINY }).files);
    expect(error.code).toBe('fused-attention');
    expect(error.message).toMatch(/fused operator \(com\.microsoft Attention\)/);
    expect(error.hint).toMatch(/unoptimised export/);
  });

  it('a graph that is not a transformer, under a BERT config and tokenizer', async () => {
    const other = generateNonBertFixture().files;
    const error = await loadError({ ...good, 'onnx/model.onnx': other['onnx/model.onnx']! });
    expect(error.code).toBe('not-bert-like');
    expect(error.message).toMatch(/no self-attention layers/);
  });

  it('a config that is not BERT-like', async () => {
    const error = await loadError(generateNonBertFixture().files);
    expect(error.code).toBe('not-bert-like');
    expect(error.message).toMatch(/"resnet" model/);
  });

  it('a corrupt (truncated) model file', async () => {
    const bytes = good['onnx/model.onnx'] as Uint8Array;
    const error = await loadError({ ...good, 'onnx/model.onnx': bytes.subarray(0, Math.floor(bytes.length / 3)) });
    expect(error.code).toBe('corrupt-model');
    expect(error.message).toMatch(/not a readable ONNX file/);
  });

  it('random bytes in place of the model', async () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const error = await loadError({ ...good, 'onnx/model.onnx': noise });
    expect(error.code).toBe('corrupt-model');
  });

  it('a folder without tokenizer.json', async () => {
    const { 'tokenizer.json': _, ...rest } = good;
    const error = await loadError(rest);
    expect(error.code).toBe('missing-tokenizer');
    expect(error.message).toMatch(/has no tokenizer\.json/);
  });

  it('a folder that is not a model folder at all', async () => {
    const error = await loadError({ 'README.md': 'hello' });
    expect(error.code).toBe('model-not-found');
    expect(error.message).toMatch(/has no config\.json/);
  });

  it('a folder with no ONNX file', async () => {
    const { 'onnx/model.onnx': _, ...rest } = good;
    const error = await loadError(rest);
    expect(error.code).toBe('model-not-found');
    expect(error.message).toMatch(/no ONNX model file/);
  });
});

describe('bad input', () => {
  it('empty and whitespace-only text say there is nothing to analyse', async () => {
    const engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', generateBertFixture(TINY).files), { backend: 'wasm', dtype: 'fp32' });
    for (const text of ['', '   \n\t ', '\u200b\u200b']) {
      await expect(engine.run({ text })).rejects.toMatchObject({ code: 'empty-input' });
    }
  });

  it('text longer than the model maximum is cut to fit, with a notice of how many tokens were dropped', async () => {
    const engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', generateBertFixture(TINY).files), { backend: 'wasm', dtype: 'fp32' });
    const words = Array.from({ length: 300 }, (_, i) => (i % 2 ? 'cat' : 'dog')).join(' ');
    const result = await engine.run({ text: words });
    expect(result.tokens).toHaveLength(128);
    expect(result.tokens.at(-1)?.text).toBe('[SEP]');
    expect(result.truncatedTokens).toBe(302 - 128);
    expect(result.notices.join(' ')).toMatch(/maximum of 128 tokens: the last 174 tokens were left out/);
  });
});
