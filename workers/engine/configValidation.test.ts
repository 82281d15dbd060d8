/** Bad config files reach the user as messages naming the file, field and value (issue 13, defect 9). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { MemoryReader } from './testing/memoryReader';

const tiny = (path: string) => readFileSync(`fixtures/tiny/${path}`, 'utf8');
const config = JSON.parse(tiny('config.json')) as Record<string, unknown>;

function folder(overrides: Record<string, string>) {
  return new MemoryReader('bad-model', {
    'config.json': tiny('config.json'),
    'tokenizer.json': tiny('tokenizer.json'),
    'tokenizer_config.json': tiny('tokenizer_config.json'),
    'onnx/model.onnx': new Uint8Array(readFileSync('fixtures/tiny/onnx/model.onnx')),
    ...overrides,
  });
}

describe('loading a model with a bad config (issue 13, defect 9)', () => {
  it.each([
    ['config.json null', { 'config.json': 'null' }, 'config.json is null, not an object of settings.'],
    [
      'hidden_size −768',
      { 'config.json': JSON.stringify({ ...config, hidden_size: -768 }) },
      'config.json: hidden_size is -768; it must be a whole number from 1 to 65,536.',
    ],
    [
      'num_attention_heads 2.5',
      { 'config.json': JSON.stringify({ ...config, num_attention_heads: 2.5 }) },
      'config.json: num_attention_heads is 2.5; it must be a whole number from 1 to 512.',
    ],
    [
      'max_position_embeddings 100000',
      { 'config.json': JSON.stringify({ ...config, max_position_embeddings: 100000 }) },
      'config.json: max_position_embeddings is 100000',
    ],
    [
      'a tokenizer_class that is an object',
      { 'tokenizer_config.json': JSON.stringify({ tokenizer_class: { name: 'BertTokenizer' } }) },
      'tokenizer_config.json: tokenizer_class is {"name":"BertTokenizer"}',
    ],
  ])('%s is refused at load, naming field and value', async (_name, overrides, message) => {
    const engine = createNodeEngine(1);
    const error = await engine.load(folder(overrides), { backend: 'wasm', dtype: 'fp32' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'bad-config', message: expect.stringContaining(message) });
    expect((error as Error).message).not.toContain('tokenizer.json');
    expect(engine.info).toBeNull();
  });
});
