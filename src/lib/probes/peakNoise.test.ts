import { describe, expect, it } from 'vitest';
import { bootstrapPeak, layerCurveOf, type SentenceCounts } from './peakNoise';

const NONE = new Set<string>();

/** One sentence with `arcs` arcs of `relation`; hits[l] of them right for layer l's only head (dependent → head). */
function sentence(relation: string, arcs: number, hits: number[]): SentenceCounts {
  return new Map([
    [relation, { arcs, dependentToHead: Uint16Array.from(hits), headToDependent: new Uint16Array(hits.length) }],
  ]);
}

/** A deterministic pseudo-random 0/1 stream (so the test does not depend on Math.random). */
function bits(seed: number) {
  let x = seed;
  return (p: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 < p ? 1 : 0;
  };
}

describe('layerCurveOf', () => {
  it('is the arc-weighted mean over relations of each layer’s best head, as computed by hand', () => {
    const totals = new Map([
      // 2 layers × 2 heads; det: 10 arcs, nsubj: 30 arcs, punct left out.
      ['det', { arcs: 10, dependentToHead: [2, 8, 5, 1], headToDependent: [0, 0, 9, 0] }],
      ['nsubj', { arcs: 30, dependentToHead: [3, 6, 12, 0], headToDependent: [15, 0, 0, 0] }],
      ['punct', { arcs: 100, dependentToHead: [100, 100, 100, 100], headToDependent: [0, 0, 0, 0] }],
    ]);
    // layer 1: det best 8, nsubj best 15 → 23/40; layer 2: det best 9, nsubj best 12 → 21/40.
    expect(layerCurveOf(totals, 2, 2, new Set(['punct']))).toEqual([23 / 40, 21 / 40]);
  });
});

describe('bootstrapPeak', () => {
  it('calls a peak clear when one layer wins on every sentence', () => {
    const sentences = Array.from({ length: 40 }, () => sentence('obj', 5, [1, 4, 2]));
    const noise = bootstrapPeak(sentences, 3, 1, NONE)!;
    expect(noise.contenders).toEqual([1]);
    expect(noise.clear).toBe(true);
    expect(noise.share).toEqual([0, 1, 0]);
  });

  it('finds no clear peak in 26/27/28/26% over a hundred sentences', () => {
    const draw = bits(7);
    const rates = [0.26, 0.27, 0.28, 0.26];
    const sentences = Array.from({ length: 100 }, () =>
      sentence(
        'nsubj',
        10,
        rates.map((p) => Array.from({ length: 10 }, () => draw(p)).reduce((a, b) => a + b, 0)),
      ),
    );
    const noise = bootstrapPeak(sentences, 4, 1, NONE)!;
    expect(noise.clear).toBe(false);
    expect(noise.contenders.length).toBeGreaterThan(1);
    expect(noise.share.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('separates a real difference of the same size given enough sentences', () => {
    // 50% against 30%, every sentence alike: a clear peak.
    const sentences = Array.from({ length: 60 }, () => sentence('det', 10, [3, 5, 3]));
    expect(bootstrapPeak(sentences, 3, 1, NONE)!.clear).toBe(true);
  });

  it('gives the same answer every time (seeded), and nothing without sentences', () => {
    const draw = bits(3);
    const sentences = Array.from({ length: 30 }, () => sentence('obj', 4, [draw(0.5) * 2, draw(0.5) * 2]));
    expect(bootstrapPeak(sentences, 2, 1, NONE)).toEqual(bootstrapPeak(sentences, 2, 1, NONE));
    expect(bootstrapPeak([], 2, 1, NONE)).toBeNull();
  });
});
