/**
 * What the attention views show: which view, which head or aggregate, which heads and layers are
 * switched off, how tokens are displayed, and the theme. The figure layout is $derived from the
 * run and these options; the screen draws it and the export writes it. Layer and head live in
 * LensState (one source of truth for every panel) and are reached through here.
 *
 * Toggles are plain arrays (`offHeads` of {layer, head}, `offLayers` of layer indices), 0-based;
 * `disabledHeads` expands them for anything that acts on switched-off heads (e.g. ablation).
 */

import { untrack } from 'svelte';
import type { HeadRef } from '../analysis/aggregates';
import { buildFigure, type Figure, type FigureResult } from '../render/figure';
import { headsOff, headsOn, isHeadOn, type RolloutLookup } from '../render/selection';
import type { Aggregate, FigureRun, ViewKind, ViewOptions } from '../render/viewOptions';
import type { LensState } from './lens.svelte';
import { fitHeads } from './resultIdentity';
import { isSmallRollout, RolloutService } from './rolloutService.svelte';
import type { Theme, UrlState } from './urlState';

export class ViewState {
  readonly lens: LensState;

  view = $state<ViewKind>('matrix');
  aggregate = $state<Aggregate>('head');
  words = $state(false);
  hideSpecial = $state(false);
  theme = $state<Theme>('auto');
  offHeads = $state.raw<HeadRef[]>([]);
  offLayers = $state.raw<number[]>([]);
  /** The heads the head view draws (0-based, of the switched-on ones); null: every switched-on head. */
  shownHeads = $state.raw<number[] | null>(null);
  /** CSS px the figure has on screen (0: unknown); figures on screen are laid out for it, files not. */
  fitWidth = $state(0);

  constructor(lens: LensState) {
    this.lens = lens;
    this.rollouts = new RolloutService((request) => lens.aggregate(request));
    // Heads switched off for a bigger model do not linger (in the views or the address) on a smaller one.
    lens.onModelLoaded(({ layers, heads }) => {
      const fitted = fitHeads(this.offHeads, layers, heads, 'Switched-off');
      const offLayers = this.offLayers.filter((l) => l < layers);
      const gone = this.offLayers.length - offLayers.length;
      this.offHeads = fitted.kept;
      this.offLayers = offLayers;
      // The head view's subset keeps the heads this model has (all of them: no subset).
      const shown = this.shownHeads?.filter((h) => h < heads);
      const unshown = (this.shownHeads?.length ?? 0) - (shown?.length ?? 0);
      this.shownHeads = shown && shown.length < heads ? shown : null;
      return [
        ...fitted.notices,
        ...(gone
          ? [`${gone} switched-off layer${gone === 1 ? '' : 's'} dropped: this model has ${layers} layers.`]
          : []),
        ...(unshown ? [`The head view shows no head past head ${heads}: this model has ${heads} heads a layer.`] : []),
      ];
    });
  }

  get layer(): number {
    return this.lens.layer;
  }
  set layer(value: number) {
    this.lens.layer = this.clamp(value, 0);
  }
  get head(): number {
    return this.lens.head;
  }
  set head(value: number) {
    this.lens.head = this.clamp(value, 1);
  }

  /** [layers, heads] of the current result (or model), [0, 0] before there is one. */
  shape = $derived.by((): [number, number] => {
    const dims = this.lens.result?.attentionDims;
    if (dims) return [dims[0], dims[1]];
    return this.lens.info ? [this.lens.info.layers, this.lens.info.heads] : [0, 0];
  });

  options = $derived.by((): ViewOptions => ({
    view: this.view,
    layer: this.lens.layer,
    head: this.lens.head,
    aggregate: this.aggregate,
    words: this.words,
    hideSpecial: this.hideSpecial,
    offHeads: this.offHeads,
    offLayers: this.offLayers,
  }));

  /**
   * The run as figures need it; the model is named as the app names it. The sentence is the one
   * in the boxes when the result arrived (typing does not redraw the figure; the next run does).
   */
  run = $derived.by((): FigureRun | null => {
    const result = this.lens.result;
    const info = this.lens.info;
    if (!result || !info) return null;
    const { text, pair } = untrack(() => ({ text: this.lens.text, pair: this.lens.pair }));
    return {
      model: info.label,
      text,
      pair,
      tokens: result.tokens,
      family: info.family,
      attention: result.attention,
      dims: result.attentionDims,
      ablated: result.ablated,
    };
  });

  /** Long inputs' rollout, computed in the engine's runtime (see RolloutService). */
  readonly rollouts: RolloutService;

  /** The switched-on heads of every layer, when rollout is shown. */
  private rolloutHeads = $derived.by((): number[][] | null => {
    const dims = this.lens.result?.attentionDims;
    if (!dims || this.aggregate !== 'rollout' || this.view === 'model') return null;
    const toggles = { offHeads: this.offHeads, offLayers: this.offLayers };
    return Array.from({ length: dims[0] }, (_, l) => headsOn(toggles, dims, l));
  });

  /** Starts the worker on a long input's rollout when one is shown (call from an effect). */
  syncRollout(): void {
    const result = this.lens.result;
    const heads = this.rolloutHeads;
    if (result && heads && !isSmallRollout(result.attentionDims)) this.rollouts.request(result, heads);
  }

  /**
   * Slice l of the worker's rollout after every layer is bit-for-bit `rollout(…, { upToLayer: l })`,
   * which short inputs (and the CLI) compute directly.
   */
  private rolloutLookup: RolloutLookup = (source) => {
    const result = this.lens.result;
    const heads = this.rolloutHeads;
    const current = this.rollouts.current;
    if (!result || !heads || !current || current.key !== this.rollouts.keyFor(result, heads)) return undefined;
    const size = current.seq * current.seq;
    return current.layers.subarray(source.layer * size, (source.layer + 1) * size);
  };

  // What the figure depends on, as values: stepping the head in the model or head view (which
  // show no single head) or the layer in the model view keeps the figure as it is.
  private figureLayer = $derived.by(() => (this.view === 'model' ? 0 : this.lens.layer));
  private figureHead = $derived.by(() => (this.view === 'matrix' ? this.lens.head : 0));
  private figureAggregate = $derived.by((): Aggregate => (this.view === 'model' ? 'head' : this.aggregate));

  figure = $derived.by((): FigureResult | null => {
    const run = this.run;
    const result = this.lens.result;
    if (!run || !result) return null;
    const options: ViewOptions = {
      view: this.view,
      layer: this.figureLayer,
      head: this.figureHead,
      aggregate: this.figureAggregate,
      words: this.words,
      hideSpecial: this.hideSpecial,
      offHeads: this.offHeads,
      offLayers: this.offLayers,
      shownHeads: this.view === 'head' ? this.shownHeads : null,
      ...(this.fitWidth > 0 ? { fitWidth: this.fitWidth } : {}),
    };
    const heads = this.rolloutHeads;
    if (heads && !isSmallRollout(result.attentionDims)) {
      const current = this.rollouts.current;
      const key = this.rollouts.keyFor(result, heads);
      const failed = this.rollouts.failed;
      if (failed?.key === key) return { ok: false, message: `Attention rollout failed: ${failed.message}` };
      if (!current || current.key !== key) {
        return {
          ok: false,
          pending: true,
          message: `Computing attention rollout over ${result.attentionDims[2]} tokens…`,
        };
      }
    }
    return buildFigure(run, options, this.rolloutLookup);
  });

  /** The figure on screen laid out as files have it (what `bertology render` writes), for export. */
  exportFigure(): Figure | null {
    const run = this.run;
    const shown = this.figure;
    if (!run || !shown?.ok) return null;
    const options: ViewOptions = {
      view: this.view,
      layer: this.figureLayer,
      head: this.figureHead,
      aggregate: this.figureAggregate,
      words: this.words,
      hideSpecial: this.hideSpecial,
      offHeads: this.offHeads,
      offLayers: this.offLayers,
      shownHeads: this.view === 'head' ? this.shownHeads : null,
    };
    const result = buildFigure(run, options, this.rolloutLookup);
    return result.ok ? result.figure : null;
  }

  /** Every switched-off head, whole layers expanded (0-based). */
  disabledHeads = $derived.by((): HeadRef[] => {
    const dims = this.lens.result?.attentionDims;
    return dims ? headsOff(this, dims) : [];
  });

  isHeadOn(layer: number, head: number): boolean {
    return isHeadOn(this, layer, head);
  }

  toggleHead(layer: number, head: number): void {
    if (this.offLayers.includes(layer)) {
      // Switching on a head of a switched-off layer switches the layer on with only that head.
      this.offLayers = this.offLayers.filter((l) => l !== layer);
      const others = Array.from({ length: this.shape[1] }, (_, h) => ({ layer, head: h })).filter(
        (r) => r.head !== head,
      );
      this.offHeads = [...this.offHeads.filter((r) => r.layer !== layer), ...others];
      return;
    }
    const off = this.offHeads.some((r) => r.layer === layer && r.head === head);
    this.offHeads = off
      ? this.offHeads.filter((r) => r.layer !== layer || r.head !== head)
      : [...this.offHeads, { layer, head }];
  }

  toggleLayer(layer: number): void {
    this.offLayers = this.offLayers.includes(layer)
      ? this.offLayers.filter((l) => l !== layer)
      : [...this.offLayers, layer].sort((a, b) => a - b);
  }

  /** Head M in every layer: off if any layer has it on, else back on everywhere. */
  toggleHeadColumn(head: number): void {
    const layers = this.shape[0];
    const anyOn = Array.from({ length: layers }, (_, l) => l).some((l) => this.isHeadOn(l, head));
    const rest = this.offHeads.filter((r) => r.head !== head);
    this.offHeads = anyOn ? [...rest, ...Array.from({ length: layers }, (_, l) => ({ layer: l, head }))] : rest;
  }

  /** Choose a head (picker, arrow keys): the head view then shows that head alone. */
  chooseHead(head: number): void {
    this.head = head;
    if (this.view === 'head') this.shownHeads = [this.head];
  }

  /**
   * Head view: show or hide one head (`only`: show it alone). A switched-off head is switched back
   * on and shown: the head view draws only switched-on heads.
   */
  toggleShown(head: number, only = false): void {
    const all = Array.from({ length: this.shape[1] }, (_, h) => h);
    const shown = this.shownHeads ?? all;
    let next: number[];
    if (only) next = [head];
    else if (!this.isHeadOn(this.layer, head)) next = shown.includes(head) ? shown : [...shown, head];
    else next = shown.includes(head) ? shown.filter((h) => h !== head) : [...shown, head];
    if (!this.isHeadOn(this.layer, head)) this.toggleHead(this.layer, head);
    next.sort((a, b) => a - b);
    this.shownHeads = next.length === all.length ? null : next;
  }

  /** Head view: show every head (true) or none (false). */
  showAllHeads(all: boolean): void {
    this.shownHeads = all ? null : [];
  }

  /** Open one head in a view (from a click in the model view). */
  open(layer: number, head: number, view: ViewKind): void {
    this.layer = layer;
    this.head = head;
    this.aggregate = 'head';
    this.view = view;
  }

  stepLayer(delta: number): void {
    this.layer = this.layer + delta;
  }

  stepHead(delta: number): void {
    this.chooseHead(this.head + delta);
  }

  private clamp(value: number, axis: 0 | 1): number {
    const size = this.shape[axis];
    return Math.max(0, Math.min(size > 0 ? size - 1 : 0, Math.trunc(value)));
  }

  /** Applies what came from the address bar. */
  apply(state: UrlState): void {
    if (state.view !== undefined) this.view = state.view;
    if (state.aggregate !== undefined) this.aggregate = state.aggregate;
    if (state.words !== undefined) this.words = state.words;
    if (state.hideSpecial !== undefined) this.hideSpecial = state.hideSpecial;
    if (state.theme !== undefined) this.theme = state.theme;
    if (state.offHeads !== undefined) this.offHeads = state.offHeads;
    if (state.offLayers !== undefined) this.offLayers = state.offLayers;
    if (state.layer !== undefined) this.lens.layer = state.layer;
    if (state.head !== undefined) this.lens.head = state.head;
    if (state.shownHeads !== undefined) this.shownHeads = state.shownHeads;
  }

  /** The view's part of the address-bar state. */
  urlState = $derived.by((): UrlState => ({
    view: this.view,
    layer: this.lens.layer,
    head: this.lens.head,
    shownHeads: this.shownHeads ?? undefined,
    aggregate: this.aggregate,
    words: this.words,
    hideSpecial: this.hideSpecial,
    offHeads: this.offHeads,
    offLayers: this.offLayers,
    theme: this.theme,
  }));
}
