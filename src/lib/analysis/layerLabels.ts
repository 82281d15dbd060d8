/**
 * Head and layer names in the literature's 1-based convention: "head 8-10" is layer 8, head 10
 * (Clark et al. 2019), which the code holds as layer index 7, head index 9.
 */

import type { AttentionDims } from './attentionTensor';
import type { HeadRef } from './aggregates';

/** How many layers and heads a model has: a ModelInfo, or a [L, H, S, S] attention dims tuple. */
export type ModelShape = { layers: number; heads: number } | AttentionDims;

export function layerName(layer: number): string {
  return `layer ${layer + 1}`;
}

/** "head 8-10" for layer index 7, head index 9. */
export function headName(layer: number, head: number): string {
  return `head ${layer + 1}-${head + 1}`;
}

const ENTRY = /^(?:head\s+)?(\d+)\s*-\s*(\d+)$/i;

function shapeOf(shape: ModelShape): { layers: number; heads: number } {
  return 'layers' in shape ? shape : { layers: shape[0], heads: shape[1] };
}

/**
 * Reads a comma-separated list of 1-based "layer-head" pairs ("8-10, 5-4"; a "head " prefix as
 * written by headName is allowed) into 0-based references, in order, each head once. An empty or
 * blank list gives []. With `shape`, heads outside the model are rejected.
 */
export function parseHeadList(text: string, shape?: ModelShape): HeadRef[] {
  if (text.trim() === '') return [];
  const size = shape ? shapeOf(shape) : undefined;
  const seen = new Set<string>();
  const out: HeadRef[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') {
      throw new Error(`The head list "${text.trim()}" has an empty entry: separate heads with single commas.`);
    }
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`Cannot read "${entry}" as a head: write layer-head, e.g. "8-10".`);
    const layer = Number(match[1]);
    const head = Number(match[2]);
    const label = `${layer}-${head}`;
    if (layer < 1 || head < 1) {
      throw new Error(`Head "${label}" does not exist: layers and heads are numbered from 1.`);
    }
    if (size && layer > size.layers) {
      throw new Error(`Head "${label}" is out of range: the model has ${size.layers} layers.`);
    }
    if (size && head > size.heads) {
      throw new Error(`Head "${label}" is out of range: each layer has ${size.heads} heads.`);
    }
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({ layer: layer - 1, head: head - 1 });
  }
  return out;
}

const WHOLE_LAYER = /^\s*(?:layer\s+)?(\d+)\s*-\s*\*\s*$/i;

/**
 * Like parseHeadList, and "3-*" (or "layer 3-*") stands for every head of layer 3: the form
 * `bertology --ablate` and the app's ablation box accept.
 */
export function parseHeadSelection(text: string, shape: ModelShape): HeadRef[] {
  const { heads } = shapeOf(shape);
  const expanded = text
    .split(',')
    .map((part) => {
      const whole = WHOLE_LAYER.exec(part);
      return whole ? Array.from({ length: heads }, (_, h) => `${whole[1]}-${h + 1}`).join(',') : part;
    })
    .join(',');
  return parseHeadList(expanded, shape);
}
