import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWritable, writeAtomic, type WriteFs } from './atomicWrite';

/** A disk that fills up after `room` bytes: writes past it fail with ENOSPC, as a full disk does. */
function fillingDisk(room: number): WriteFs {
  return {
    ...fsp,
    open: (async (...args: Parameters<typeof fsp.open>) => {
      const handle = await fsp.open(...args);
      let written = 0;
      const write = handle.write.bind(handle) as (data: string) => Promise<unknown>;
      Object.assign(handle, {
        write: async (data: string) => {
          written += Buffer.byteLength(data);
          if (written > room)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          return write(data);
        },
      });
      return handle;
    }) as typeof fsp.open,
  };
}

describe('--out is written whole or not at all (issue 13, defect 7)', () => {
  it('a full disk leaves the earlier file as it was, no temporary file behind, and says the disk is full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, '{"good":true}');
    const pieces = ['{"attention":[', '0.1,'.repeat(1000), '0]}'];
    await expect(writeAtomic(out, pieces, fillingDisk(500))).rejects.toMatchObject({
      code: 'file-system',
      message: expect.stringMatching(/^Could not write --out ".*report\.json": the disk is full \(ENOSPC\)\.$/),
    });
    expect(readFileSync(out, 'utf8')).toBe('{"good":true}');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('replaces the file when the write completes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const out = join(dir, 'a.json');
    writeFileSync(out, 'old');
    await writeAtomic(out, ['{"a":', '1}']);
    expect(readFileSync(out, 'utf8')).toBe('{"a":1}');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it.each([
    ['a missing folder', (d: string) => join(d, 'no', 'such', 'x.json'), /there is no such file or folder/],
    ['a folder', (d: string) => d, /it is a folder, not a file/],
    ['an empty name', () => '', /--out is empty/],
  ])('refuses %s before any work', async (_name, path, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    await expect(checkWritable(path(dir))).rejects.toMatchObject({
      code: 'file-system',
      message: expect.stringMatching(message),
    });
  });
});
