/** What a figure shows: the view, the head or aggregate, which heads are switched off, token display. */

import type { HeadRef } from '../analysis/aggregates';

export type ViewKind = 'head' | 'model' | 'matrix';
export const VIEW_KINDS: readonly ViewKind[] = ['head', 'model', 'matrix'];

/**
 * - `head`: one head (matrix view), or each switched-on head of the layer in its own colour (head view);
 * - `mean`: mean of the switched-on heads of the layer;
 * - `layer`: mean of every switched-on head of every switched-on layer (the whole model);
 * - `rollout`: attention rollout up to the layer over the switched-on heads (Abnar & Zuidema 2020).
 */
export type Aggregate = 'head' | 'mean' | 'layer' | 'rollout';
export const AGGREGATES: readonly Aggregate[] = ['head', 'mean', 'layer', 'rollout'];

export interface ViewOptions {
  view: ViewKind;
  /** 0-based. */
  layer: number;
  /** 0-based. */
  head: number;
  aggregate: Aggregate;
  /** Word level (Clark et al. 2019 merge) instead of word pieces. */
  words: boolean;
  /** Hide [CLS]/[SEP] and renormalise rows. */
  hideSpecial: boolean;
  /** Heads switched off one by one (0-based). */
  offHeads: readonly HeadRef[];
  /** Whole layers switched off (0-based). */
  offLayers: readonly number[];
  /** Head view: the switched-on heads it draws (0-based); null or absent: all of them. */
  shownHeads?: readonly number[] | null;
  /** CSS px of room on screen: the figure grows to use it (files are laid out without it). */
  fitWidth?: number;
}

export const DEFAULT_VIEW_OPTIONS: ViewOptions = {
  view: 'matrix',
  layer: 0,
  head: 0,
  aggregate: 'head',
  words: false,
  hideSpecial: false,
  offHeads: [],
  offLayers: [],
};

/** The text and numbers a figure is drawn from: a run of the model and what produced it. */
export interface FigureRun {
  /** The model's name as the app shows it. */
  model: string;
  text: string;
  pair: string;
  tokens: readonly import('../core/types').TokenInfo[];
  /** How the model family writes words (for word-level labels). */
  family: import('../core/family').ModelFamily;
  /** [layers, heads, seq, seq], row i = attention from token i. */
  attention: Float32Array;
  dims: readonly [number, number, number, number];
  /** Heads switched off inside the model for this run (ablation), 0-based; absent: none. */
  ablated?: readonly import('../analysis/aggregates').HeadRef[];
}
