/**
 * Colours shared by the screen and the exported files. Attention values use viridis (ordered in
 * lightness, readable with the common colour-vision deficiencies); heads use a categorical
 * palette chosen for the same reason. Exported figures always use the light theme's ink.
 */

import { rgb } from 'd3-color';
import { interpolateViridis } from 'd3-scale-chromatic';

export const LEVELS = 256;

/** Viridis sampled at 256 steps as RGB triplets: palette index k is the colour of value k/255 of the maximum. */
export const VIRIDIS: Uint8Array = (() => {
  const out = new Uint8Array(LEVELS * 3);
  for (let k = 0; k < LEVELS; k++) {
    const c = rgb(interpolateViridis(k / (LEVELS - 1)));
    out.set([Math.round(c.r), Math.round(c.g), Math.round(c.b)], k * 3);
  }
  return out;
})();

/** The palette index of `value` on a scale from 0 to `max`. */
export function levelIndex(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(LEVELS - 1, Math.round((value / max) * (LEVELS - 1)));
}

/** "#rrggbb" of palette entry k. */
export function viridisHex(k: number): string {
  const i = Math.max(0, Math.min(LEVELS - 1, Math.round(k))) * 3;
  return `#${[VIRIDIS[i]!, VIRIDIS[i + 1]!, VIRIDIS[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Head colours: Okabe & Ito (2008) without black (seven colours distinguishable under the common
 * colour-vision deficiencies), then Paul Tol's "muted" scheme for models with more heads. Heads
 * also carry their number wherever their colour is shown, so the colour is never the only cue.
 */
export const HEAD_COLORS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#882255',
  '#44AA99',
  '#999933',
  '#332288',
  '#AA4499',
  '#117733',
  '#88CCEE',
  '#CC6677',
  '#DDCC77',
] as const;

export function headColor(head: number): string {
  return HEAD_COLORS[((head % HEAD_COLORS.length) + HEAD_COLORS.length) % HEAD_COLORS.length]!;
}

/**
 * The single colour of an aggregate's lines in the head view: a mid blue that reads on white and
 * on black alike (contrast about 3.3 on white, 6.3 on black), so the dark theme needs no other.
 */
export const AGGREGATE_COLOR = '#3D8BFF';

/** Roles of text in a figure; the screen maps them to theme colours, files to `INK`. */
export type InkRole = 'text' | 'muted' | 'special' | 'segmentA' | 'segmentB';

/** Light-theme ink for exported files (the screen's light theme uses the same values). */
export const INK: Record<InkRole, string> = {
  text: '#1A1A1A',
  muted: '#5C5C5C',
  special: '#767676',
  segmentA: '#0B5FA5',
  segmentB: '#B4450B',
};

export const PAPER = '#FFFFFF';

/** Fill for switched-off cells' hatching. */
export const HATCH = { line: '#5C5C5C', veil: '#FFFFFF', veilOpacity: 0.65 };
