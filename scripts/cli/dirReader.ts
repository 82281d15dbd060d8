/** Reads a model folder on disk (Node only): the CLI's counterpart of the browser's file readers. */
import { open, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { allocateModelBuffer } from '../../workers/engine/modelBuffer';
import { checkModelFile, type ModelFileReader, type ProgressCallback } from '../../workers/engine/modelFiles';
import { EngineError } from '../../src/lib/core/errors';
import { fileSystemError } from './fileErrors';

export class DirReader implements ModelFileReader {
  readonly label: string;
  private readonly root: string;

  constructor(path: string) {
    this.root = resolve(path);
    this.label = path;
  }

  async read(path: string, onProgress?: ProgressCallback): Promise<Uint8Array | null> {
    const full = join(this.root, path);
    try {
      // Checked before opening: a FIFO would block for ever, a folder or a loop gives a raw errno.
      checkModelFile(path, this.label, await stat(full));
      const bytes = await readWithSlack(full);
      onProgress?.({ file: path, loaded: bytes.length, total: bytes.length, done: true, fromCache: false });
      return bytes;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (code === 'ELOOP') {
        throw new EngineError(
          'corrupt-model',
          `${path} of "${this.label}" is a loop of symbolic links, not a file.`,
          'Point the link at the real file.',
        );
      }
      throw fileSystemError(error, `read ${path} of "${this.label}"`);
    }
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a whole file into a buffer with room for the instrumentation patch (see allocateModelBuffer). */
async function readWithSlack(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const bytes = allocateModelBuffer(size);
    let offset = 0;
    while (offset < size) {
      const { bytesRead } = await file.read(bytes, offset, size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === size ? bytes : bytes.subarray(0, offset);
  } finally {
    await file.close();
  }
}
