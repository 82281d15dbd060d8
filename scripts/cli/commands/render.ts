/**
 * `bertology render`: draw a view of a sentence's attention as the SVG file the app exports.
 * Same engine, same layout functions, same writer: for the same input and view the file is the
 * app's file, byte for byte.
 */
import { checkWritable, writeAtomic } from '../atomicWrite';
import { readTextOption } from '../textInput';
import { basename, resolve } from 'node:path';
import { EngineError } from '../../../src/lib/core/errors';
import { buildFigure } from '../../../src/lib/render/figure';
import { figureSvg } from '../../../src/lib/render/exportSvg';
import { parseToggles, type Toggles } from '../../../src/lib/render/toggles';
import { AGGREGATES, VIEW_KINDS } from '../../../src/lib/render/viewOptions';
import type { ModelInfo } from '../../../src/lib/core/types';
import { isDirectory } from '../dirReader';
import { bundledModel } from '../bundled';
import { BUNDLED_MODELS } from '../../../src/lib/state/bundledModels';
import { loadModel, modelOptions, type CommandIo, type CommandSpec, type OptionValues } from '../options';

/** A mistake in the command line: reported with the usage and exit code 2. */
class OptionError extends Error {}

function whole(value: OptionValues[string], name: string, max: number): number {
  const text = typeof value === 'string' ? value.trim() : '1';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) {
    throw new OptionError(`--${name} must be a whole number from 1 to ${max}, not "${text}".`);
  }
  return n - 1;
}

function oneOf<T extends string>(value: OptionValues[string], name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new OptionError(`--${name} must be one of ${allowed.join(', ')}, not "${String(value)}".`);
}

function toggles(value: OptionValues[string], info: ModelInfo): Toggles {
  try {
    return parseToggles(typeof value === 'string' ? value : '', info);
  } catch (error) {
    throw new OptionError(`--off: ${(error as Error).message}`);
  }
}

export const render: CommandSpec = {
  name: 'render',
  usage: `bertology render --model <mini|hub-id|folder|url> --text "<sentence A>" [--pair "<sentence B>"]
                 --view head|model|matrix [--layer N --head M] [--aggregate mean|layer|rollout]
                 [--words] [--hide-special] [--off 1-2,3-*] [--label NAME] [--out fig.svg]

  Writes the SVG figure the app exports for the same input and view (to stdout without --out).
  Layers and heads count from 1; --off switches heads (layer-head) or whole layers (layer-*) off.
  --aggregate: mean of the layer's switched-on heads, mean over the whole model (layer), or
  attention rollout up to the layer. --label names the model in the title (default: as the app does).`,
  options: {
    ...modelOptions,
    text: { type: 'string' },
    'text-file': { type: 'string' },
    pair: { type: 'string', default: '' },
    view: { type: 'string', default: 'matrix' },
    layer: { type: 'string', default: '1' },
    head: { type: 'string', default: '1' },
    aggregate: { type: 'string' },
    words: { type: 'boolean', default: false },
    'hide-special': { type: 'boolean', default: false },
    off: { type: 'string', default: '' },
    label: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, io) {
    try {
      return await renderFigure(values, io);
    } catch (error) {
      if (error instanceof OptionError) return io.usageError(error.message);
      throw error;
    }
  },
};

async function renderFigure(values: OptionValues, io: CommandIo): Promise<number> {
  const out = typeof values.out === 'string' ? values.out : undefined;
  if (out !== undefined) await checkWritable(out);
  const text = await readTextOption(values, 'text', io.note);
  if (text === undefined) return io.usageError('--text (or --text-file) is required.');
  const view = oneOf(values.view, 'view', VIEW_KINDS, 'matrix');
  const aggregate = oneOf(values.aggregate, 'aggregate', AGGREGATES, 'head');
  const spec = String(values.model ?? '');
  const bundled = bundledModel(spec);
  const { engine, info } = await loadModel(values);
  const pair = typeof values.pair === 'string' ? values.pair : '';
  const result = await engine.run({ text, pair: pair || undefined, topK: 10 });
  await engine.dispose();
  for (const notice of [...info.notices, ...result.notices]) io.note(notice);

  // The app names a folder it opened by the folder's name, a bundled model by its label, a Hub model by its id.
  const label =
    typeof values.label === 'string'
      ? values.label
      : bundled
        ? BUNDLED_MODELS[bundled].label
        : (await isDirectory(spec))
          ? basename(resolve(spec))
          : info.label;
  const figure = buildFigure(
    {
      model: label,
      text,
      pair,
      tokens: result.tokens,
      family: info.family,
      attention: result.attention,
      dims: result.attentionDims,
    },
    {
      view,
      aggregate,
      layer: whole(values.layer, 'layer', info.layers),
      head: whole(values.head, 'head', info.heads),
      words: values.words === true,
      hideSpecial: values['hide-special'] === true,
      ...toggles(values.off, info),
    },
  );
  if (!figure.ok) throw new EngineError('inference-failed', figure.message);
  const svg = figureSvg(figure.figure);
  if (out !== undefined) await writeAtomic(out, [svg]);
  else io.out(svg);
  return 0;
}
