/**
 * Where a command's text comes from: `--text "…"`, `--text -` or `--text-file -` (stdin), or
 * `--text-file PATH`. Linux refuses arguments over 128 KiB, so long texts come from a file or a
 * pipe. Only regular files are opened: a FIFO or a device would block the CLI for good.
 */
import { open, stat } from 'node:fs/promises';
import { EngineError } from '../../src/lib/core/errors';
import { UsageError } from './args';
import { fileSystemError } from './fileErrors';

/** More text than any model reads (the engine reads 200 characters per token of its maximum). */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export interface TextSource {
  readStdin(): Promise<Buffer>;
  stdinIsTty: boolean;
}

export const processStdin: TextSource = {
  async readStdin() {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_TEXT_BYTES) break;
    }
    return Buffer.concat(chunks);
  },
  get stdinIsTty() {
    return Boolean(process.stdin.isTTY);
  },
};

/** The text of `--<name>` / `--<name>-file`; undefined when neither was given. */
export async function readTextOption(
  values: Record<string, unknown>,
  name: string,
  note: (text: string) => void,
  source: TextSource = processStdin,
): Promise<string | undefined> {
  const inline = values[name];
  const file = values[`${name}-file`];
  if (inline !== undefined && file !== undefined) {
    throw new UsageError(`give --${name} or --${name}-file, not both.`);
  }
  if (inline === undefined && file === undefined) return undefined;
  if (inline === '-' || file === '-') {
    if (source.stdinIsTty) note(`reading --${name} from the terminal; end it with Ctrl-D.`);
    return capped(await source.readStdin(), `standard input`, note);
  }
  if (typeof inline === 'string') return inline;
  return readTextFile(String(file), `--${name}-file`, note);
}

/** Reads a regular file of text; refuses folders, FIFOs and devices before opening them. */
export async function readTextFile(
  path: string,
  option: string,
  note: (text: string) => void,
  maxBytes = MAX_TEXT_BYTES,
): Promise<string> {
  const action = `read ${option} "${path}"`;
  const info = await stat(path).catch((error: unknown) => {
    throw fileSystemError(error, action);
  });
  if (info.isDirectory()) throw fileSystemError({ code: 'EISDIR' }, action);
  if (!info.isFile()) {
    const kind = info.isFIFO() ? 'a FIFO (named pipe)' : info.isSocket() ? 'a socket' : 'a device';
    throw new EngineError(
      'file-system',
      `Could not ${action}: it is ${kind}, not a regular file, and reading it could wait for ever.`,
      `Pipe it to standard input instead: ${option} - < "${path}".`,
    );
  }
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw fileSystemError(error, action);
  });
  try {
    const size = Math.min(info.size, maxBytes + 1);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return capped(buffer.subarray(0, bytesRead), `"${path}"`, note, maxBytes);
  } catch (error) {
    throw fileSystemError(error, action);
  } finally {
    await handle.close();
  }
}

function capped(bytes: Buffer, where: string, note: (text: string) => void, maxBytes = MAX_TEXT_BYTES): string {
  if (bytes.length <= maxBytes) return bytes.toString('utf8');
  const mb = Math.round(maxBytes / 1024 / 1024);
  note(`${where} holds more than ${mb} MB of text; only the first ${mb} MB were read.`);
  // Cut on a character boundary: drop a trailing partial UTF-8 sequence.
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}
