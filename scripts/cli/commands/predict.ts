/** `bertology predict`: the masked-LM's top guesses at each [MASK], optionally with heads ablated. */
import { maskText } from '../../../src/lib/core/family';
import { parseTop } from '../args';
import { readTextOption } from '../textInput';
import { loadModel, modelOptions, parseAblation, type CommandSpec } from '../options';

export const predict: CommandSpec = {
  name: 'predict',
  usage: `bertology predict --model <mini|hub-id|folder|url> (--text "... [MASK] ..." | --text-file FILE | --text -)
                  [--pair "<B>"] [--ablate 8-10,5-4]
                  [--top K] [--json]

  Prints the K most probable tokens at each [MASK] with their probabilities (JSON with --json).`,
  options: {
    ...modelOptions,
    text: { type: 'string' },
    'text-file': { type: 'string' },
    pair: { type: 'string' },
    'pair-file': { type: 'string' },
    top: { type: 'string' },
    ablate: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async run(values, io) {
    const topK = parseTop(values.top, 5);
    const text = await readTextOption(values, 'text', io.note);
    if (text === undefined) return io.usageError('--text (or --text-file) is required.');
    const pair = await readTextOption(values, 'pair', io.note);
    const { engine, info } = await loadModel(values);
    if (!info.hasMlmHead) {
      await engine.dispose();
      return io.usageError(`"${info.label}" has no masked-LM head (no logits output), so it cannot predict [MASK].`);
    }
    const ablate = parseAblation(values.ablate, info);
    const result = await engine.run({
      text,
      pair,
      topK,
      ablate,
      // Predictions only: no tensor is extracted.
      outputs: [],
    });
    await engine.dispose();
    const mask = maskText(info.family);
    for (const notice of [...info.notices, ...result.notices]) io.note(notice);
    if (result.predictions.length === 0) {
      io.note(
        `The text has no ${mask} token: add one where the model should guess a word (a typed [MASK] is read as ${mask}).`,
      );
      return 1;
    }
    if (values.json) {
      io.out(`${JSON.stringify({ model: info.label, ablated: result.ablated, predictions: result.predictions })}\n`);
      return 0;
    }
    if (ablate.length) io.out(`ablated: ${ablate.map((h) => `${h.layer + 1}-${h.head + 1}`).join(', ')}\n`);
    result.predictions.forEach((p, n) => {
      io.out(`${mask} ${n + 1} (token ${p.position}):\n`);
      p.tokens.forEach((token, k) => io.out(`  ${(p.probs[k]! * 100).toFixed(2).padStart(6)}%  ${token}\n`));
    });
    return 0;
  },
};
