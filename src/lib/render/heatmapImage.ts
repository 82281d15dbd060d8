/** Attention matrices as palette images (indices into viridis), for the PNG encoder and for canvases. */

import { maxValue } from '../analysis/attentionTensor';
import { VIRIDIS, levelIndex } from './palette';

/**
 * [n, n] values as an image of n·scale pixels a side: each value a scale×scale block of its palette
 * index on 0…max. Upscaling in the pixels keeps cells sharp where a viewer would smooth them.
 */
export function heatmapPixels(matrix: Float32Array, n: number, max: number, scale = 1): Uint8Array {
  const side = n * scale;
  const out = new Uint8Array(side * side);
  const row = new Uint8Array(side);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) row.fill(levelIndex(matrix[i * n + j]!, max), j * scale, (j + 1) * scale);
    for (let r = 0; r < scale; r++) out.set(row, (i * scale + r) * side);
  }
  return out;
}

/** Source index ranges [start, end) for each of `out` pixels over `n` values: box filter or nearest neighbour. */
export function pixelSpans(n: number, out: number): Int32Array {
  const spans = new Int32Array(out * 2);
  for (let p = 0; p < out; p++) {
    const start = Math.floor((p * n) / out);
    spans[2 * p] = start;
    spans[2 * p + 1] = Math.max(start + 1, Math.floor(((p + 1) * n) / out));
  }
  return spans;
}

let scratchBuffer = new Float64Array(0);
/** A reused buffer of at least `length` values (the model view resamples 144 maps in a row). */
function scratch(length: number): Float64Array {
  if (scratchBuffer.length < length) scratchBuffer = new Float64Array(length);
  return scratchBuffer;
}

/**
 * [n, n] values resampled to side×side pixels (box mean when shrinking, nearest when growing),
 * coloured on 0…(largest resampled value) so each small map uses the whole scale.
 */
export function thumbnailPixels(matrix: Float32Array, n: number, side: number): { pixels: Uint8Array; max: number } {
  const spans = pixelSpans(n, side);
  // Separable box filter, rows then columns: every value is read once, in memory order (the model
  // view resamples 144 maps of 512² values on every new result; a 2D window per pixel was 2× slower).
  const across = scratch(n * side);
  for (let r = 0; r < n; r++) {
    const base = r * n;
    const out = r * side;
    for (let x = 0; x < side; x++) {
      const c1 = spans[2 * x + 1]!;
      let sum = 0;
      for (let c = spans[2 * x]!; c < c1; c++) sum += matrix[base + c]!;
      across[out + x] = sum;
    }
  }
  const values = new Float32Array(side * side);
  const column = new Float64Array(side);
  for (let y = 0; y < side; y++) {
    const r0 = spans[2 * y]!;
    const r1 = spans[2 * y + 1]!;
    column.fill(0);
    for (let r = r0; r < r1; r++) {
      const row = r * side;
      for (let x = 0; x < side; x++) column[x] = column[x]! + across[row + x]!;
    }
    for (let x = 0; x < side; x++) {
      values[y * side + x] = column[x]! / ((r1 - r0) * (spans[2 * x + 1]! - spans[2 * x]!));
    }
  }
  const max = maxValue(values);
  const pixels = new Uint8Array(side * side);
  for (let k = 0; k < pixels.length; k++) pixels[k] = levelIndex(values[k]!, max);
  return { pixels, max };
}

/** RGBA of each palette index as one little-endian 32-bit word, for filling ImageData a pixel at a time. */
const RGBA_WORDS = (() => {
  const words = new Uint32Array(VIRIDIS.length / 3);
  const bytes = new Uint8Array(words.buffer);
  for (let i = 0; i < words.length; i++) {
    bytes[4 * i] = VIRIDIS[3 * i]!;
    bytes[4 * i + 1] = VIRIDIS[3 * i + 1]!;
    bytes[4 * i + 2] = VIRIDIS[3 * i + 2]!;
    bytes[4 * i + 3] = 255;
  }
  return words;
})();
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Palette indices to RGBA bytes (for a canvas ImageData). */
export function indicesToRgba(indices: Uint8Array, out = new Uint8ClampedArray(indices.length * 4)): Uint8ClampedArray {
  if (LITTLE_ENDIAN && out.byteOffset % 4 === 0) {
    // One word per pixel from a precomputed table (the model view fills 144 maps per result).
    const words = new Uint32Array(out.buffer, out.byteOffset, indices.length);
    for (let k = 0; k < indices.length; k++) words[k] = RGBA_WORDS[indices[k]!]!;
    return out;
  }
  for (let k = 0; k < indices.length; k++) {
    const c = indices[k]! * 3;
    out[4 * k] = VIRIDIS[c]!;
    out[4 * k + 1] = VIRIDIS[c + 1]!;
    out[4 * k + 2] = VIRIDIS[c + 2]!;
    out[4 * k + 3] = 255;
  }
  return out;
}
