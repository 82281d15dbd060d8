import { describe, expect, it } from 'vitest';
import type { AttentionDims } from './attentionTensor';
import { meanOfHeads, meanOverSelection, meanPerLayer } from './aggregates';

// 2 layers × 3 heads of 2×2 matrices.
const dims: AttentionDims = [2, 3, 2, 2];
// prettier-ignore
const attention = new Float32Array([
  1.0, 0.0, 0.0, 1.0, // layer 0 head 0
  0.0, 1.0, 1.0, 0.0, // layer 0 head 1
  0.5, 0.5, 0.2, 0.8, // layer 0 head 2
  0.4, 0.6, 0.6, 0.4, // layer 1 head 0
  0.1, 0.9, 0.3, 0.7, // layer 1 head 1
  0.7, 0.3, 0.9, 0.1, // layer 1 head 2
]);

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
}

describe('meanOfHeads', () => {
  it.each([
    [0, [0, 1], [0.5, 0.5, 0.5, 0.5]],
    [0, [0, 2], [0.75, 0.25, 0.1, 0.9]],
    [1, [2], [0.7, 0.3, 0.9, 0.1]],
    [1, [0, 1, 2], [0.4, 0.6, 0.6, 0.4]],
  ])('layer %i, heads %j', (layer, heads, expected) => {
    expectClose(meanOfHeads(attention, dims, layer, heads), expected);
  });
});

describe('meanPerLayer', () => {
  it.each([
    [0, [0.5, 0.5, 0.4, 0.6]],
    [1, [0.4, 0.6, 0.6, 0.4]],
  ])('averages all heads of layer %i', (layer, expected) => {
    expectClose(meanPerLayer(attention, dims, layer), expected);
  });
});

describe('meanOverSelection', () => {
  it.each([
    [
      'heads from two layers',
      [
        { layer: 0, head: 0 },
        { layer: 1, head: 1 },
      ],
      [0.55, 0.45, 0.15, 0.85],
    ],
    [
      'a repeated head once',
      [
        { layer: 0, head: 0 },
        { layer: 0, head: 0 },
        { layer: 1, head: 1 },
      ],
      [0.55, 0.45, 0.15, 0.85],
    ],
    ['a single head as itself', [{ layer: 0, head: 2 }], [0.5, 0.5, 0.2, 0.8]],
  ])('averages %s', (_, selection, expected) => {
    expectClose(meanOverSelection(attention, dims, selection), expected);
  });

  it.each([
    ['an empty selection', [], /at least one head/],
    ['a layer out of range', [{ layer: 2, head: 0 }], /outside/],
    // head index 3 of layer 0 must not be mistaken for head 0 of layer 1
    [
      'a head out of range',
      [
        { layer: 0, head: 3 },
        { layer: 1, head: 0 },
      ],
      /outside/,
    ],
  ])('rejects %s', (_, selection, message) => {
    expect(() => meanOverSelection(attention, dims, selection)).toThrow(message);
  });
});
