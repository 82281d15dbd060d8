/** `bertology attend`: run a text through the model and write tokens and attention as JSON. */
import { writeFile } from 'node:fs/promises';
import { attendReport } from '../../../src/lib/core/report';
import { loadModel, modelOptions, parseAblation, type CommandSpec } from '../options';

export const attend: CommandSpec = {
  name: 'attend',
  usage: `bertology attend --model <hub-id|folder|url> --text "<sentence A>" [--pair "<sentence B>"]
                 [--ablate 8-10,5-4] [--backend wasm|webgpu] [--dtype fp32|fp16|q8] [--top K]
                 [--runtime native|wasm] [--threads N] [--out FILE]

  Writes JSON with the tokens, input ids, token type ids, attention dims [layers, heads, seq, seq]
  and the attention as one flat row-major array (to stdout without --out). --ablate switches heads
  off inside the model (layer-head, counted from 1 as in the literature; a whole layer as 8-*).`,
  options: {
    ...modelOptions,
    text: { type: 'string' },
    pair: { type: 'string' },
    top: { type: 'string', default: '10' },
    out: { type: 'string' },
    ablate: { type: 'string' },
  },
  async run(values, io) {
    const text = values.text;
    if (typeof text !== 'string') return io.usageError('--text is required.');
    const { engine, info } = await loadModel(values);
    const result = await engine.run({
      text,
      pair: typeof values.pair === 'string' ? values.pair : undefined,
      topK: Number(values.top) || 10,
      ablate: parseAblation(values.ablate, info),
    });
    await engine.dispose();
    for (const notice of [...info.notices, ...result.notices]) io.note(notice);
    const json = JSON.stringify(attendReport(String(values.model), info, result));
    if (typeof values.out === 'string') await writeFile(values.out, json);
    else io.out(`${json}\n`);
    return 0;
  },
};
