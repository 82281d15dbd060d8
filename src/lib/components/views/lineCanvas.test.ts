import { describe, expect, it } from 'vitest';
import { headLines } from '../../render/headLines';
import { drawLines } from './lineCanvas';

/** A 2D context that records the segments it is asked to stroke. */
function recorder() {
  const segments: [number, number, number, number][] = [];
  let start: [number, number] = [0, 0];
  const ctx = {
    lineCap: 'butt',
    strokeStyle: '',
    globalAlpha: 1,
    lineWidth: 1,
    beginPath() {},
    stroke() {},
    moveTo(x: number, y: number) {
      start = [x, y];
    },
    lineTo(x: number, y: number) {
      segments.push([start[0], start[1], x, y]);
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, segments };
}

const figure = { lineX0: 100, lineX1: 300, top: 20, rowHeight: 10, series: [{ color: '#f00' }] } as never;
const rowY = (i: number) => 20 + i * 10 + 5;

// Token i attends to token i-1 (token 0 to itself): every line but one is sloped.
const n = 6;
const m = new Float32Array(n * n);
for (let i = 0; i < n; i++) m[i * n + Math.max(0, i - 1)] = 1;
const lines = headLines([m], n);

describe('drawLines', () => {
  it('draws every line whole, with finite ends, when no band is given', () => {
    const { ctx, segments } = recorder();
    expect(drawLines(ctx, figure, lines)).toBe(n);
    expect(segments.every((s) => s.every(Number.isFinite))).toBe(true);
    const expected = Array.from({ length: n }, (_, i) => [100, rowY(i), 300, rowY(Math.max(0, i - 1))]);
    expect(segments.sort((a, b) => a[1] - b[1])).toEqual(expected);
  });

  it('cuts lines to a band and leaves out those outside it', () => {
    const { ctx, segments } = recorder();
    drawLines(ctx, figure, lines, 0, Infinity, { top: 40, height: 10 });
    expect(segments.every((s) => s.every(Number.isFinite))).toBe(true);
    // Band [40, 50] plus 4 px: only the lines from token 2 (y 45 → 35) and 3 (55 → 45) reach into it.
    expect(segments.map((s) => [s[1], s[3]]).sort((a, b) => a[0]! - b[0]!)).toEqual([
      [45, 36],
      [54, 45],
    ]);
    for (const [x0, y0, x1, y1] of segments) {
      expect(Math.min(y0, y1)).toBeGreaterThanOrEqual(36);
      expect(Math.max(y0, y1)).toBeLessThanOrEqual(54);
      expect(x0).toBeGreaterThanOrEqual(100);
      expect(x1).toBeLessThanOrEqual(300);
    }
  });

  it('treats an unbounded band as no band (its bottom would be NaN)', () => {
    const { ctx, segments } = recorder();
    drawLines(ctx, figure, lines, 0, Infinity, { top: -Infinity, height: Infinity });
    expect(segments).toHaveLength(n);
    expect(segments.every((s) => s.every(Number.isFinite))).toBe(true);
  });
});
