/** `bertology attend`: run a text through the model and write tokens and attention as JSON. */
import { attendReportJson } from '../../../src/lib/core/report';
import { parseTop } from '../args';
import { checkWritable, writeAtomic } from '../atomicWrite';
import { readTextOption } from '../textInput';
import { loadModel, modelOptions, parseAblation, type CommandSpec } from '../options';

export const attend: CommandSpec = {
  name: 'attend',
  usage: `bertology attend --model <mini|hub-id|folder|url> (--text "<sentence A>" | --text-file FILE | --text -) [--pair "<B>"]
                 [--ablate 8-10,5-4] [--backend wasm|webgpu] [--dtype fp32|fp16|q8] [--top K]
                 [--runtime native|wasm] [--threads N] [--out FILE]

  Writes JSON with the tokens, input ids, token type ids, attention dims [layers, heads, seq, seq]
  and the attention as one flat row-major array (to stdout without --out; --out is written whole
  or not at all). --text - and --text-file - read the text from standard input. --ablate switches heads
  off inside the model (layer-head, counted from 1 as in the literature; a whole layer as 8-*).`,
  options: {
    ...modelOptions,
    text: { type: 'string' },
    'text-file': { type: 'string' },
    pair: { type: 'string' },
    'pair-file': { type: 'string' },
    top: { type: 'string' },
    out: { type: 'string' },
    ablate: { type: 'string' },
  },
  async run(values, io) {
    const topK = parseTop(values.top, 10);
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (out !== undefined) await checkWritable(out); // before the work, not after it
    const text = await readTextOption(values, 'text', io.note);
    if (text === undefined) return io.usageError('--text (or --text-file) is required.');
    const pair = await readTextOption(values, 'pair', io.note);
    const { engine, info } = await loadModel(values);
    const result = await engine.run({
      text,
      pair,
      topK,
      ablate: parseAblation(values.ablate, info),
    });
    await engine.dispose();
    for (const notice of [...info.notices, ...result.notices]) io.note(notice);
    const json = attendReportJson(String(values.model), info, result);
    if (out !== undefined) await writeAtomic(out, json);
    else {
      for (const piece of json) io.out(piece);
      io.out('\n');
    }
    return 0;
  },
};
