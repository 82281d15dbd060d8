import { describe, expect, it } from 'vitest';
import { heatmapPixels, indicesToRgba, pixelSpans, thumbnailPixels } from './heatmapImage';
import { VIRIDIS } from './palette';

describe('heatmapPixels', () => {
  it('colours each value on 0…max and repeats it in a scale×scale block', () => {
    const m = Float32Array.of(0, 0.5, 1, 0.25);
    expect(Array.from(heatmapPixels(m, 2, 1))).toEqual([0, 128, 255, 64]);
    expect(Array.from(heatmapPixels(m, 2, 1, 2))).toEqual([
      0, 0, 128, 128, 0, 0, 128, 128, 255, 255, 64, 64, 255, 255, 64, 64,
    ]);
  });
});

describe('pixelSpans', () => {
  it('shrinks by boxes and grows by nearest neighbour', () => {
    expect(Array.from(pixelSpans(4, 2))).toEqual([0, 2, 2, 4]);
    expect(Array.from(pixelSpans(5, 2))).toEqual([0, 2, 2, 5]);
    expect(Array.from(pixelSpans(2, 4))).toEqual([0, 1, 0, 1, 1, 2, 1, 2]);
  });
});

describe('thumbnailPixels', () => {
  it('averages 2×2 blocks and scales to the largest average', () => {
    const m = Float32Array.from(
      [
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [0, 0.5, 0, 0],
        [0.5, 0, 0, 0],
      ].flat(),
    );
    const { pixels, max } = thumbnailPixels(m, 4, 2);
    expect(max).toBe(1);
    expect(Array.from(pixels)).toEqual([255, 0, 64, 0]); // 0.25 of the max → 63.75 → 64
  });
});

describe('indicesToRgba', () => {
  it('looks colours up in viridis, opaque', () => {
    const rgba = indicesToRgba(Uint8Array.of(0, 255));
    expect(Array.from(rgba)).toEqual([
      VIRIDIS[0],
      VIRIDIS[1],
      VIRIDIS[2],
      255,
      VIRIDIS[765],
      VIRIDIS[766],
      VIRIDIS[767],
      255,
    ]);
  });
});
