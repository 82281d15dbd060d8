/**
 * The limit a corpus run is measured against: the same inputs through a plain onnxruntime-node
 * session of the unmodified model (its own outputs only, one input at a time), model load included.
 * Tokenisation is done beforehand and not timed, so the limit is, if anything, too strict.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BertTokenizer, PreTrainedTokenizer } from '@huggingface/transformers';
import type * as OrtNode from 'onnxruntime-node';

export interface TokenizedInput {
  ids: number[];
  types: number[];
}

/** Token ids as the engine makes them (same tokenizer files, special tokens added, cut at 512). */
export async function tokenizeInputs(
  modelDir: string,
  inputs: { text: string; pair?: string }[],
  maxTokens = 512,
): Promise<TokenizedInput[]> {
  const json = JSON.parse(await readFile(join(modelDir, 'tokenizer.json'), 'utf8')) as object;
  const config = JSON.parse(await readFile(join(modelDir, 'tokenizer_config.json'), 'utf8')) as object;
  const tokenizer = new BertTokenizer(json, config) as PreTrainedTokenizer;
  const core = (
    tokenizer as unknown as { _tokenizer: { encode: (...a: unknown[]) => { ids: number[]; token_type_ids: number[] } } }
  )._tokenizer;
  return inputs.map(({ text, pair }) => {
    const e = core.encode(text.trim(), {
      text_pair: pair?.trim() || null,
      add_special_tokens: true,
      return_token_type_ids: true,
    });
    return { ids: e.ids.slice(0, maxTokens), types: e.token_type_ids.slice(0, maxTokens) };
  });
}

/**
 * Read the model file, create the session, run every input: wall seconds, and CPU seconds of this
 * process (user + system, every thread) over the same span.
 */
export async function plainNative(
  modelDir: string,
  inputs: TokenizedInput[],
  threads: number,
): Promise<{ wall: number; cpu: number }> {
  const ort: typeof OrtNode = await import('onnxruntime-node');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const bytes = await readFile(join(modelDir, 'onnx/model.onnx'));
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);
  for (const { ids, types } of inputs) {
    const feeds: Record<string, OrtNode.Tensor> = {};
    for (const name of session.inputNames) {
      if (name === 'input_ids') feeds[name] = int64(ids);
      else if (name === 'attention_mask') feeds[name] = int64(ids.map(() => 1));
      else if (name === 'token_type_ids') feeds[name] = int64(types);
      else if (name === 'position_ids') feeds[name] = int64(ids.map((_, i) => i));
    }
    const out = await session.run(feeds);
    for (const t of Object.values(out)) t.dispose();
  }
  await session.release();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}
