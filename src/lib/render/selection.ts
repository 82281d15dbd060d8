/**
 * Which heads are switched on, and the [S, S] token-level matrix a selection stands for: one
 * head, a mean of heads (Clark et al. 2019 average per layer), or attention rollout (Abnar &
 * Zuidema 2020). Switched-off heads and layers take no part in any aggregate.
 */

import { headMatrix, type AttentionDims } from '../analysis/attentionTensor';
import { meanOverSelection, type HeadRef } from '../analysis/aggregates';
import { headName, layerName } from '../analysis/layerLabels';
import { rollout } from '../analysis/rollout';
import type { Aggregate, ViewOptions } from './viewOptions';

type Toggles = Pick<ViewOptions, 'offHeads' | 'offLayers'>;

export function isLayerOn(toggles: Toggles, layer: number): boolean {
  return !toggles.offLayers.includes(layer);
}

export function isHeadOn(toggles: Toggles, layer: number, head: number): boolean {
  return isLayerOn(toggles, layer) && !toggles.offHeads.some((r) => r.layer === layer && r.head === head);
}

/** The switched-on heads of one layer, ascending (none when the layer is off). */
export function headsOn(toggles: Toggles, dims: AttentionDims, layer: number): number[] {
  return Array.from({ length: dims[1] }, (_, h) => h).filter((h) => isHeadOn(toggles, layer, h));
}

/** Every switched-off head, expanding whole layers: what an ablation would switch off. */
export function headsOff(toggles: Toggles, dims: AttentionDims): HeadRef[] {
  const out: HeadRef[] = [];
  for (let l = 0; l < dims[0]; l++)
    for (let h = 0; h < dims[1]; h++) if (!isHeadOn(toggles, l, h)) out.push({ layer: l, head: h });
  return out;
}

/** What a selection stands for, resolved against the model's shape. */
export type Source =
  | { kind: 'head'; layer: number; head: number }
  | { kind: 'mean'; layer: number; heads: number[] }
  | { kind: 'layer'; heads: HeadRef[]; layers: number }
  | { kind: 'rollout'; layer: number; headsPerLayer: number[][] };

export type SourceResult = { ok: true; source: Source } | { ok: false; message: string };

export function resolveSource(
  options: Pick<ViewOptions, 'aggregate' | 'layer' | 'head' | 'offHeads' | 'offLayers'>,
  dims: AttentionDims,
  aggregate: Aggregate = options.aggregate,
): SourceResult {
  const { layer, head } = options;
  if (layer < 0 || layer >= dims[0] || head < 0 || head >= dims[1]) {
    return {
      ok: false,
      message: `${headName(layer, head)} is outside this model (${dims[0]} layers × ${dims[1]} heads).`,
    };
  }
  switch (aggregate) {
    case 'head':
      return { ok: true, source: { kind: 'head', layer, head } };
    case 'mean': {
      const heads = headsOn(options, dims, layer);
      if (heads.length === 0) {
        return {
          ok: false,
          message: `Every head of ${layerName(layer)} is switched off, so there is nothing to average. Switch a head on.`,
        };
      }
      return { ok: true, source: { kind: 'mean', layer, heads } };
    }
    case 'layer': {
      const heads = Array.from({ length: dims[0] }, (_, l) =>
        headsOn(options, dims, l).map((h) => ({ layer: l, head: h })),
      ).flat();
      if (heads.length === 0)
        return { ok: false, message: 'Every head is switched off, so there is nothing to average.' };
      return { ok: true, source: { kind: 'layer', heads, layers: dims[0] } };
    }
    case 'rollout':
      return {
        ok: true,
        source: {
          kind: 'rollout',
          layer,
          headsPerLayer: Array.from({ length: layer + 1 }, (_, l) => headsOn(options, dims, l)),
        },
      };
  }
}

/** How a person names the selection: "head 3-2", "mean of 4 heads, layer 3", "rollout to layer 4". */
export function sourceName(source: Source): string {
  const heads = (n: number) => `${n} head${n === 1 ? '' : 's'}`;
  switch (source.kind) {
    case 'head':
      return headName(source.layer, source.head);
    case 'mean':
      return `mean of ${heads(source.heads.length)}, ${layerName(source.layer)}`;
    case 'layer':
      return `mean of ${heads(source.heads.length)}, all ${source.layers} layers`;
    case 'rollout':
      return `rollout to ${layerName(source.layer)}`;
  }
}

/** Rollout after each layer [L, S, S] for a given head selection, when the caller has it already. */
export type RolloutLookup = (source: Extract<Source, { kind: 'rollout' }>) => Float32Array | undefined;

/** The [S, S] token-level matrix of a source. Rollout comes from `cached` when it has it. */
export function sourceMatrix(
  attention: Float32Array,
  dims: AttentionDims,
  source: Source,
  cached?: RolloutLookup,
): Float32Array {
  switch (source.kind) {
    case 'head':
      return headMatrix(attention, dims, source.layer, source.head);
    case 'mean':
      return meanOverSelection(
        attention,
        dims,
        source.heads.map((head) => ({ layer: source.layer, head })),
      );
    case 'layer':
      return meanOverSelection(attention, dims, source.heads);
    case 'rollout':
      return (
        cached?.(source) ?? rollout(attention, dims, { upToLayer: source.layer, headsPerLayer: source.headsPerLayer })
      );
  }
}
