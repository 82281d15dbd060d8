/** Reads a model folder on disk (Node only): the CLI's counterpart of the browser's file readers. */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelFileReader, ProgressCallback } from '../../workers/engine/modelFiles';

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
      const bytes = new Uint8Array(await readFile(full));
      onProgress?.({ file: path, loaded: bytes.length, total: bytes.length, done: true, fromCache: false });
      return bytes;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
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
