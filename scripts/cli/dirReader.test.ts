/** Things on disk that are not model files get a message, never a hang or a raw errno (issue 13, defect 9). */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirReader } from './dirReader';

function modelFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dir-reader-'));
  mkdirSync(join(dir, 'onnx'));
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json'])
    copyFileSync(`fixtures/tiny/${f}`, join(dir, f));
  return dir;
}

describe('DirReader refuses what is not a file', () => {
  it.each([
    ['a folder', (p: string) => mkdirSync(p), /onnx\/model\.onnx of ".*" is a folder, not a file\./],
    ['a FIFO', (p: string) => execFileSync('mkfifo', [p]), /is not a regular file \(a FIFO, socket or device\)/],
    [
      'a symlink loop',
      (p: string) => {
        symlinkSync(`${p}.b`, p);
        symlinkSync(p, `${p}.b`);
      },
      /is a loop of symbolic links, not a file\./,
    ],
    [
      'an 8 GB sparse file',
      (p: string) => {
        const fd = openSync(p, 'w');
        ftruncateSync(fd, 8 * 2 ** 30);
        closeSync(fd);
      },
      /is 8\.6 GB, more than the 2 GiB such a file can be\./,
    ],
  ])('onnx/model.onnx as %s', async (_name, make, message) => {
    const dir = modelFolder();
    make(join(dir, 'onnx', 'model.onnx'));
    const t0 = Date.now();
    await expect(new DirReader(dir).read('onnx/model.onnx')).rejects.toMatchObject({
      code: 'corrupt-model',
      message: expect.stringMatching(message),
    });
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a missing file is simply absent', async () => {
    await expect(new DirReader(modelFolder()).read('onnx/model_quantized.onnx')).resolves.toBeNull();
  });
});
