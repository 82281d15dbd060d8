/**
 * Switched-off heads and layers as text, in the literature's 1-based numbering: "1-2,3-*" is head
 * 1-2 and all of layer 3 (as `bertology attend --ablate` writes it). Used by the URL and the CLI.
 */

import type { HeadRef } from '../analysis/aggregates';
import { parseHeadList, type ModelShape } from '../analysis/layerLabels';

export interface Toggles {
  offHeads: HeadRef[];
  offLayers: number[];
}

const WHOLE_LAYER = /^(\d+)\s*-\s*\*$/;

/** Reads "1-2, 3-*"; throws an Error with a readable message on anything else. */
export function parseToggles(text: string, shape?: ModelShape): Toggles {
  const offLayers: number[] = [];
  const heads: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const whole = WHOLE_LAYER.exec(entry);
    if (!whole) {
      heads.push(entry);
      continue;
    }
    const layer = Number(whole[1]);
    const layers = shape ? ('layers' in shape ? shape.layers : shape[0]) : Infinity;
    if (layer < 1 || layer > layers) throw new Error(`Layer ${layer} does not exist in this model.`);
    if (!offLayers.includes(layer - 1)) offLayers.push(layer - 1);
  }
  const offHeads = heads.length ? parseHeadList(heads.join(','), shape) : [];
  return { offHeads, offLayers: offLayers.sort((a, b) => a - b) };
}

/** "1-2,3-*": heads in layer-head order first, then whole layers; empty when nothing is off. */
export function formatToggles(toggles: { offHeads: readonly HeadRef[]; offLayers: readonly number[] }): string {
  const heads = [...toggles.offHeads]
    .sort((a, b) => a.layer - b.layer || a.head - b.head)
    .map((r) => `${r.layer + 1}-${r.head + 1}`);
  const layers = [...toggles.offLayers].sort((a, b) => a - b).map((l) => `${l + 1}-*`);
  return [...heads, ...layers].join(',');
}
