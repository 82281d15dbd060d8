import { describe, expect, it } from 'vitest';
import { formatToggles, parseToggles } from './toggles';

describe('parseToggles', () => {
  it('reads heads and whole layers, 1-based, into 0-based references', () => {
    expect(parseToggles('1-2, 3-*,4-1')).toEqual({
      offHeads: [
        { layer: 0, head: 1 },
        { layer: 3, head: 0 },
      ],
      offLayers: [2],
    });
    expect(parseToggles('2-*')).toEqual({ offHeads: [], offLayers: [1] });
  });

  it('refuses what it cannot read, and heads outside the model', () => {
    expect(() => parseToggles('<script>')).toThrow(/Cannot read "<script>" as a head/);
    expect(() => parseToggles('9-1', { layers: 4, heads: 4 })).toThrow(/out of range/);
    expect(() => parseToggles('9-*', { layers: 4, heads: 4 })).toThrow(/Layer 9 does not exist/);
    expect(() => parseToggles('0-*')).toThrow(/Layer 0/);
  });

  it('round-trips through formatToggles in a canonical order', () => {
    const text = formatToggles(parseToggles('3-*,2-4,1-2,1-*'));
    expect(text).toBe('1-2,2-4,1-*,3-*');
    expect(formatToggles(parseToggles(text))).toBe(text);
    expect(formatToggles({ offHeads: [], offLayers: [] })).toBe('');
  });
});
