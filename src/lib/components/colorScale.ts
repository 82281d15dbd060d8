import { scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { rgb } from 'd3-color';

/** Viridis: ordered in lightness and readable with the common colour-vision deficiencies. */
export function attentionScale(max: number) {
  return scaleSequential(interpolateViridis).domain([0, max > 0 ? max : 1]);
}

const LUT_SIZE = 256;

/** The scale sampled at 256 steps as RGB bytes, for painting many cells without parsing colours. */
export function colorLut(scale: (v: number) => string, max: number): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const c = rgb(scale(((max > 0 ? max : 1) * i) / (LUT_SIZE - 1)));
    lut.set([Math.round(c.r), Math.round(c.g), Math.round(c.b)], i * 3);
  }
  return lut;
}

export function lutIndex(value: number, max: number): number {
  if (!(max > 0)) return 0;
  return Math.max(0, Math.min(LUT_SIZE - 1, Math.round((value / max) * (LUT_SIZE - 1))));
}
