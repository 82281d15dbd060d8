/**
 * CLI arguments fuzz (issue 13): 500 generated command lines, schema-aware (the options each
 * command knows, with good, bad and out-of-range values, plus unknown flags and stray words).
 * Each is parsed and checked as `bertology` does before loading a model. Every one ends in a
 * usage error or a file-system error with a message, or in values within their ranges; none
 * throws anything else, and none waits on its input.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/lib/core/errors';
import { MAX_THREADS, MAX_TOP, parseThreads, parseTop, UsageError } from './args';
import { checkWritable } from './atomicWrite';
import { attend } from './commands/attend';
import { predict } from './commands/predict';
import { probe } from './commands/probe';
import { render } from './commands/render';
import { readTextOption, type TextSource } from './textInput';

const COMMANDS = [attend, predict, render, probe];
const dir = mkdtempSync(join(tmpdir(), 'cli-fuzz-'));
mkdirSync(join(dir, 'folder'));
writeFileSync(join(dir, 'text.txt'), 'The cat [MASK].');

const number = fc.oneof(
  fc.integer({ min: -5, max: 2000 }).map(String),
  fc.constantFrom('0', '1', '256', '100000', '1e3', '2.5', '-1', '', ' 7 ', '0x10', 'NaN', 'Infinity', '٣'),
  fc.string({ maxLength: 8 }),
);
const path = fc.constantFrom(
  join(dir, 'out.json'),
  join(dir, 'missing', 'out.json'),
  join(dir, 'folder'),
  join(dir, 'text.txt'),
  '',
  '-',
  join(dir, 'text.txt', 'below'),
);
const option = fc.oneof(
  fc.tuple(fc.constant('--top'), number),
  fc.tuple(fc.constant('--threads'), number),
  fc.tuple(fc.constant('--text'), fc.oneof(fc.string({ maxLength: 40 }), fc.constant('-'))),
  fc.tuple(fc.constant('--text-file'), path),
  fc.tuple(fc.constant('--out'), path),
  fc.tuple(fc.constant('--model'), fc.constantFrom('static/models/demo', 'demo', '../x', '')),
  fc.tuple(fc.constantFrom('--bogus', '-x', '--', '--top=3', '--threads=-2', 'stray'), fc.constant(null)),
);
const commandLine = fc.tuple(fc.constantFrom(...COMMANDS.map((c) => c.name)), fc.array(option, { maxLength: 6 }));

const stdin: TextSource = { readStdin: async () => Buffer.from('from stdin'), stdinIsTty: false };

describe('CLI arguments fuzz: 500 command lines', () => {
  it('end in a clear refusal or in values within range', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, async ([name, options]) => {
        const command = COMMANDS.find((c) => c.name === name)!;
        const args = options.flatMap(([flag, value]) => (value === null ? [flag] : [flag, value]));
        let values: Record<string, unknown>;
        try {
          ({ values } = parseArgs({ args, options: command.options, strict: true }));
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^ERR_PARSE_ARGS_/);
          return;
        }
        try {
          const top = parseTop(values.top, 5);
          const { threads } = parseThreads(values.threads);
          expect(Number.isInteger(top) && top >= 1 && top <= MAX_TOP).toBe(true);
          expect(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS).toBe(true);
          if ('text' in command.options) await readTextOption(values, 'text', () => undefined, stdin);
          if (typeof values.out === 'string') await checkWritable(values.out);
        } catch (error) {
          const known = error instanceof UsageError || (error instanceof EngineError && error.code === 'file-system');
          if (!known) throw error;
          expect((error as Error).message).toMatch(/^(--|give|Could not|--out is empty)/);
          expect((error as Error).message).not.toMatch(/undefined|\[object/);
        }
      }),
      { seed: 1310, numRuns: 500 },
    );
  }, 120_000);
});
