import { describe, expect, it } from 'vitest';
import { attendReport, attendReportJson, NUMBERS_PER_CHUNK } from './report';
import type { ModelInfo, RunResult, TokenInfo } from './types';

const info = { modelFile: 'onnx/model.onnx' } as ModelInfo;

function result(layers: number, heads: number, seq: number, fill: (i: number) => number): RunResult {
  const tokens: TokenInfo[] = Array.from({ length: seq }, (_, i) => ({
    text: `t${i}`,
    id: i,
    word: i,
    segment: 0,
    special: false,
  }));
  const attention = new Float32Array(layers * heads * seq * seq);
  for (let i = 0; i < attention.length; i++) attention[i] = fill(i);
  return {
    requestId: 1,
    tokens,
    attention,
    attentionDims: [layers, heads, seq, seq],
    predictions: [],
    backend: 'wasm',
    timings: { tokenizeMs: 1, inferenceMs: 2, extractMs: 3 },
    truncatedTokens: 0,
    ablated: [{ layer: 0, head: 1 }],
    notices: [],
  };
}

describe('the attention report streamed in pieces (issue 13, defect 6)', () => {
  it('is exactly the JSON.stringify text, NaN and all', () => {
    const run = result(2, 3, 5, (i) => (i === 7 ? NaN : i === 8 ? -0 : Math.fround(Math.sin(i) / 3)));
    expect([...attendReportJson('m', info, run)].join('')).toBe(JSON.stringify(attendReport('m', info, run)));
  });

  it('splits big tensors into pieces of at most NUMBERS_PER_CHUNK numbers', () => {
    const run = result(1, 1, 300, (i) => i % 2);
    const pieces = [...attendReportJson('m', info, run)];
    expect(pieces.length).toBe(2 + Math.ceil(90_000 / NUMBERS_PER_CHUNK));
    expect(JSON.parse(pieces.join('')).attention).toEqual(Array.from(run.attention));
  });

  it('writes 512 tokens on 12 × 12 heads, longer than any JavaScript string may be', () => {
    // One value everywhere: V8 caches its text, so the test spends its time on the streaming, not on printing floats.
    const run = result(12, 12, 512, () => 0.1234567);
    let length = 0;
    let longest = 0;
    let last = '';
    for (const piece of attendReportJson('m', info, run)) {
      length += piece.length;
      longest = Math.max(longest, piece.length);
      last = piece;
    }
    expect(length).toBeGreaterThan(2 ** 29); // V8's limit for one string: what JSON.stringify hit
    expect(longest).toBeLessThan(2 * 1024 * 1024);
    expect(last.startsWith('],"predictions":[]')).toBe(true);
  });
});
