import { interpolateViridis } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { HEAD_COLORS, LEVELS, VIRIDIS, headColor, levelIndex, viridisHex } from './palette';

describe('viridis palette', () => {
  it('has 256 colours from dark purple to yellow, equal to d3 at each step', () => {
    expect(VIRIDIS.length).toBe(LEVELS * 3);
    expect(viridisHex(0)).toBe('#440154');
    expect(viridisHex(255)).toBe('#fde725');
    for (const k of [0, 1, 64, 128, 200, 255]) expect(viridisHex(k)).toBe(interpolateViridis(k / 255));
  });

  it.each([
    [0, 1, 0],
    [1, 1, 255],
    [0.5, 1, 128],
    [0.25, 0.5, 128],
    [2, 1, 255],
    [-1, 1, 0],
    [0.3, 0, 0],
    [NaN, 1, 0],
  ])('levelIndex(%d, max %d) = %d', (value, max, k) => expect(levelIndex(value, max)).toBe(k));
});

describe('head colours', () => {
  it('are distinct, and cycle past the palette', () => {
    expect(new Set(HEAD_COLORS).size).toBe(HEAD_COLORS.length);
    expect(headColor(0)).toBe('#E69F00');
    expect(headColor(HEAD_COLORS.length)).toBe(headColor(0));
  });
});
