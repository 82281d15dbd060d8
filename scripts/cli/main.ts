/**
 * bertology — the command-line face of BERTology Lens, on the same engine as the app.
 *   bertology attend --model <hub-id|folder|url> --text "<A>" [--pair "<B>"] [--backend wasm|webgpu]
 *                    [--dtype fp32|fp16|q8] [--top K] [--out FILE]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EngineError, toErrorInfo } from '../../workers/engine/errors';
import type { Backend, ModelDtype } from '../../workers/engine/types';
import { attendReport } from '../../workers/engine/report';
import { createNodeEngine, readerFor } from './nodeEngine';

const USAGE = `Usage:
  bertology attend --model <hub-id|folder|url> --text "<sentence A>" [--pair "<sentence B>"]
                   [--backend wasm|webgpu] [--dtype fp32|fp16|q8] [--top K] [--threads N] [--out FILE]

  Writes JSON with the tokens, input ids, token type ids, attention dims [layers, heads, seq, seq]
  and the attention as one flat row-major array (to stdout without --out).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command !== 'attend') {
    process.stderr.write(`bertology: unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      model: { type: 'string' },
      text: { type: 'string' },
      pair: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      dtype: { type: 'string', default: 'fp32' },
      top: { type: 'string', default: '10' },
      threads: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
    strict: true,
  });
  if (!values.model || values.text === undefined) {
    process.stderr.write(`bertology attend: --model and --text are required.\n\n${USAGE}\n`);
    return 2;
  }
  const backend = values.backend as Backend;
  if (backend !== 'wasm' && backend !== 'webgpu') {
    process.stderr.write(`bertology attend: --backend must be wasm or webgpu, not "${values.backend}".\n`);
    return 2;
  }
  if (backend === 'webgpu') {
    throw new EngineError(
      'backend-unavailable',
      'WebGPU is not available in Node.',
      'Use --backend wasm here, or the app in a browser with WebGPU.',
    );
  }
  const dtype = values.dtype as ModelDtype;
  if (!['fp32', 'fp16', 'q8'].includes(dtype)) {
    process.stderr.write(`bertology attend: --dtype must be fp32, fp16 or q8, not "${values.dtype}".\n`);
    return 2;
  }
  const engine = createNodeEngine(Math.max(1, Number(values.threads) || 1));
  const info = await engine.load(await readerFor(values.model), { backend, dtype });
  const result = await engine.run({ text: values.text, pair: values.pair, topK: Number(values.top) || 10 });
  await engine.dispose();
  for (const notice of [...info.notices, ...result.notices]) process.stderr.write(`note: ${notice}\n`);
  const json = JSON.stringify(attendReport(values.model, info, result));
  if (values.out) await writeFile(values.out, json);
  else process.stdout.write(`${json}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const info = toErrorInfo(error);
    process.stderr.write(`bertology: ${info.message}\n${info.hint ? `${info.hint}\n` : ''}`);
    process.exit(1);
  },
);
