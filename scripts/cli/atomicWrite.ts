/**
 * `--out` files are written whole or not at all (issue 13, defect 7): the text goes to a temporary
 * file in the same folder, which is flushed and then renamed over the target. A full disk leaves
 * the earlier file as it was. The path is checked before any work starts.
 */
import { constants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EngineError } from '../../src/lib/core/errors';
import { fileSystemError } from './fileErrors';

/** The parts of node:fs/promises used here; tests pass a disk that fills up. */
export interface WriteFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
}

/** Fails, before anything is computed, when `path` cannot be written. */
export async function checkWritable(path: string, option = '--out'): Promise<void> {
  const what = `write ${option} "${path}"`;
  if (path === '') throw new EngineError('file-system', `${option} is empty: give a file name.`);
  const folder = dirname(path);
  let info;
  try {
    info = await fsp.stat(folder);
  } catch (error) {
    throw fileSystemError(error, `${what}: the folder "${folder}"`);
  }
  if (!info.isDirectory()) throw fileSystemError({ code: 'ENOTDIR' }, what);
  try {
    await fsp.access(folder, constants.W_OK);
  } catch (error) {
    throw fileSystemError(error, `${what}: the folder "${folder}"`);
  }
  const existing = await fsp.lstat(path).catch(() => null);
  if (existing?.isDirectory()) throw fileSystemError({ code: 'EISDIR' }, what);
  if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
    throw new EngineError('file-system', `Could not ${what}: it exists and is not a regular file.`);
  }
}

/** Writes the pieces to a temporary file beside `path`, then renames it over `path`. */
export async function writeAtomic(
  path: string,
  pieces: Iterable<string>,
  fs: WriteFs = fsp,
  option = '--out',
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fs.open(temp, 'wx');
    for (const piece of pieces) await handle.write(piece);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw fileSystemError(error, `write ${option} "${path}"`);
  }
}
