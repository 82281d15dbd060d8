/**
 * bertology — the command-line face of BERTology Lens, on the same engine as the app.
 * Each command lives in commands/; this file parses the command line and reports errors.
 */
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../../src/lib/core/errors';
import { attend } from './commands/attend';
import { predict } from './commands/predict';
import { probe } from './commands/probe';
import { render } from './commands/render';
import type { CommandIo, CommandSpec } from './options';
import { UsageError } from './args';

const COMMANDS: CommandSpec[] = [attend, predict, render, probe];

const USAGE = `Usage:\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n\n')}

Every command that loads a model runs it on --runtime native (the default: onnxruntime-node on the
CPU) or --runtime wasm (onnxruntime-web, the browser's runtime and numerics), with --threads N
(default: one per core).
`;

const io: CommandIo = {
  out: (text) => process.stdout.write(text),
  note: (text) => process.stderr.write(`note: ${text}\n`),
  usageError: (message) => {
    process.stderr.write(`bertology: ${message}\n\n${USAGE}`);
    return 2;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return io.usageError(`unknown command "${name}".`);
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true }));
  } catch (error) {
    return io.usageError(error instanceof Error ? error.message : String(error));
  }
  try {
    return await command.run(values, io);
  } catch (error) {
    if (error instanceof UsageError) return io.usageError(error.message);
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const info = toErrorInfo(error);
    process.stderr.write(`bertology: ${info.message}\n${info.hint ? `${info.hint}\n` : ''}`);
    process.exit(1);
  },
);
