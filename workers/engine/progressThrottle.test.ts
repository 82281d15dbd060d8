import { describe, expect, it } from 'vitest';
import type { FileProgress } from '../../src/lib/core/types';
import { throttleProgress } from './progressThrottle';

const report = (file: string, loaded: number, done = false): FileProgress => ({
  file,
  loaded,
  total: 100,
  done,
  fromCache: false,
});

describe('throttleProgress', () => {
  it('passes each file’s first report, then one per interval, and always the last', () => {
    let clock = 0;
    const seen: FileProgress[] = [];
    const forward = throttleProgress(
      (p) => seen.push(p),
      50,
      () => clock,
    );
    for (let loaded = 1; loaded <= 99; loaded++) {
      forward(report('model.onnx', loaded));
      if (loaded === 10) forward(report('config.json', 5, true));
      clock += 2; // a chunk every 2 ms
    }
    forward(report('model.onnx', 100, true));
    const model = seen.filter((p) => p.file === 'model.onnx').map((p) => p.loaded);
    // 99 chunks over 196 ms: the first, then every 25th chunk (50 ms), then the final report.
    expect(model).toEqual([1, 26, 51, 76, 100]);
    expect(seen.at(-1)).toEqual(report('model.onnx', 100, true));
    expect(seen.filter((p) => p.file === 'config.json')).toEqual([report('config.json', 5, true)]);
  });
});
