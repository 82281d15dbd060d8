/**
 * The picture's state in the query string, so a reload or a shared link shows the same thing:
 * `?model=mini&text=…&pair=…&view=head&layer=3&head=2&heads=1,3&off=1-2,3-*&agg=rollout&words=1&hide=1&theme=dark`.
 * Layers and heads are 1-based in the URL, as people count them. Every value is checked; a value
 * that is malformed (or hostile) is ignored and a notice says so. Nothing from the URL is run.
 */

import type { HeadRef } from '../analysis/aggregates';
import { formatToggles, parseToggles } from '../render/toggles';
import { MAX_PINNED, uniquePinned } from '../mlm/pinnedWords';
import { isBundledId, type BundledId } from './bundledModels';
import { AGGREGATES, VIEW_KINDS, type Aggregate, type ViewKind } from '../render/viewOptions';

export type Theme = 'auto' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['auto', 'light', 'dark'];
export type BackendChoice = 'auto' | 'wasm' | 'webgpu';

export interface UrlState {
  /** The app's section (attention, mlm, claims, …); the shell checks it against its list. */
  section?: string;
  /** A bundled model ("mini", or the "demo" test model) or a Hugging Face model id. */
  model?: string;
  backend?: BackendChoice;
  text?: string;
  pair?: string;
  view?: ViewKind;
  /** 0-based. */
  layer?: number;
  /** 0-based. */
  head?: number;
  /** The head view's subset of heads (0-based; `heads=1,3`, `heads=none`); absent: every head. */
  shownHeads?: number[];
  aggregate?: Aggregate;
  words?: boolean;
  hideSpecial?: boolean;
  offHeads?: HeadRef[];
  offLayers?: number[];
  theme?: Theme;
  /** Heads ablated inside the model ("8-10,3-*"); whole layers are expanded once the model is known. */
  ablate?: { heads: HeadRef[]; layers: number[] };
  /** Words whose probability is reported at every [MASK]. */
  pinned?: string[];
  /** Benchmark mode: a synthetic bert-base-shaped result of this many tokens instead of a model. */
  bench?: number;
}

export interface UrlRead {
  state: UrlState;
  notices: string[];
}

export const MAX_TEXT = 20_000;
export const BENCH_RANGE = [2, 512] as const;

/** A Hugging Face id: "name" or "owner/name" of letters, digits, '-', '_', '.', not starting with '.' or '-'. */
const HUB_ID = /^[A-Za-z0-9][\w.-]{0,95}(?:\/[A-Za-z0-9][\w.-]{0,95})?$/;

export function isModelSpec(value: string): boolean {
  return isBundledId(value) || (HUB_ID.test(value) && !value.includes('..'));
}

/** The value as a person can read it in a notice: short, control characters shown as '?'. */
function shown(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return Array.from(clean).length > 40 ? `${Array.from(clean).slice(0, 39).join('')}…` : clean;
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function count(value: string, max: number): number | undefined {
  if (!/^\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

function flag(value: string): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

export function readUrlState(search: string): UrlRead {
  const params = new URLSearchParams(search);
  const state: UrlState = {};
  const notices: string[] = [];
  const ignore = (name: string, value: string, why: string) =>
    notices.push(`Ignored ${name}=“${shown(value)}” from the address: ${why}.`);
  const get = (name: string) => params.get(name);

  const section = get('section');
  if (section !== null) {
    if (/^[a-z][a-z-]{0,23}$/.test(section)) state.section = section;
    else ignore('section', section, 'not the name of a section');
  }
  const model = get('model');
  if (model !== null) {
    if (isModelSpec(model)) state.model = model;
    else ignore('model', model, 'not “mini” or a Hugging Face model id like Xenova/bert-base-uncased');
  }
  const backend = get('backend');
  if (backend !== null) {
    const value = oneOf<BackendChoice>(backend, ['auto', 'wasm', 'webgpu']);
    if (value) state.backend = value;
    else ignore('backend', backend, 'use auto, wasm or webgpu');
  }
  for (const name of ['text', 'pair'] as const) {
    const value = get(name);
    if (value === null) continue;
    const chars = Array.from(value);
    if (chars.length > MAX_TEXT) {
      notices.push(
        `The ${name === 'text' ? 'sentence' : 'second sentence'} in the address was cut to ${MAX_TEXT} characters.`,
      );
    }
    state[name] = chars.length > MAX_TEXT ? chars.slice(0, MAX_TEXT).join('') : value;
  }
  const view = get('view');
  if (view !== null) {
    const value = oneOf(view, VIEW_KINDS);
    if (value) state.view = value;
    else ignore('view', view, `use ${VIEW_KINDS.join(', ')}`);
  }
  for (const name of ['layer', 'head'] as const) {
    const value = get(name);
    if (value === null) continue;
    const n = count(value, 9999);
    if (n === undefined) ignore(name, value, 'use a whole number counted from 1');
    else state[name] = n - 1;
  }
  const heads = get('heads');
  if (heads !== null) {
    const shown = readHeadSubset(heads);
    if (shown) state.shownHeads = shown;
    else ignore('heads', heads, 'use head numbers counted from 1, separated by commas (heads=1,3), or heads=none');
  }
  const agg = get('agg');
  if (agg !== null) {
    const value = oneOf(agg, AGGREGATES);
    if (value) state.aggregate = value;
    else ignore('agg', agg, `use ${AGGREGATES.join(', ')}`);
  }
  for (const [name, key] of [
    ['words', 'words'],
    ['hide', 'hideSpecial'],
  ] as const) {
    const value = get(name);
    if (value === null) continue;
    const b = flag(value);
    if (b === undefined) ignore(name, value, 'use 1 or 0');
    else state[key] = b;
  }
  const off = get('off');
  if (off !== null) {
    try {
      const toggles = parseToggles(off);
      state.offHeads = toggles.offHeads;
      state.offLayers = toggles.offLayers;
    } catch (error) {
      ignore('off', off, `${(error as Error).message.replace(/\.$/, '')}; write heads as layer-head, e.g. off=1-2,3-*`);
    }
  }
  const ablate = get('ablate');
  if (ablate !== null) {
    try {
      const toggles = parseToggles(ablate);
      state.ablate = { heads: toggles.offHeads, layers: toggles.offLayers };
    } catch (error) {
      ignore(
        'ablate',
        ablate,
        `${(error as Error).message.replace(/\.$/, '')}; write heads as layer-head, e.g. ablate=8-10,3-*`,
      );
    }
  }
  const pin = get('pin');
  if (pin !== null) {
    const words = pin.split(',').map((w) => w.trim());
    // eslint-disable-next-line no-control-regex
    if (words.length > MAX_PINNED || words.some((w) => w === '' || w.length > 50 || /[\u0000-\u001f\u007f]/.test(w))) {
      ignore('pin', pin, `use up to ${MAX_PINNED} words of at most 50 characters, separated by commas`);
    } else state.pinned = uniquePinned(words);
  }
  const theme = get('theme');
  if (theme !== null) {
    const value = oneOf(theme, THEMES);
    if (value) state.theme = value;
    else ignore('theme', theme, 'use auto, light or dark');
  }
  const bench = get('bench');
  if (bench !== null) {
    const n = count(bench, BENCH_RANGE[1]);
    if (n === undefined || n < BENCH_RANGE[0])
      ignore('bench', bench, `use a token count from ${BENCH_RANGE[0]} to ${BENCH_RANGE[1]}`);
    else state.bench = n;
  }
  return { state, notices };
}

/** `heads=1,3` (1-based, at most 64 heads) or `heads=none`: the subset, sorted, 0-based; undefined when malformed. */
function readHeadSubset(value: string): number[] | undefined {
  if (value === 'none') return [];
  const parts = value.split(',');
  if (parts.length > 64) return undefined;
  const heads = parts.map((p) => count(p, 9999));
  if (heads.some((h) => h === undefined)) return undefined;
  return [...new Set(heads as number[])].sort((a, b) => a - b).map((h) => h - 1);
}

/** The query string (with "?", or "" when empty) for a state; only what differs from the defaults. */
export function writeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.section !== undefined) params.set('section', state.section);
  if (state.bench !== undefined) params.set('bench', String(state.bench));
  if (state.model !== undefined) params.set('model', state.model);
  if (state.backend !== undefined && state.backend !== 'auto') params.set('backend', state.backend);
  if (state.text !== undefined) params.set('text', state.text);
  if (state.pair) params.set('pair', state.pair);
  if (state.view !== undefined) params.set('view', state.view);
  if (state.layer !== undefined) params.set('layer', String(state.layer + 1));
  if (state.head !== undefined) params.set('head', String(state.head + 1));
  if (state.shownHeads !== undefined)
    params.set('heads', state.shownHeads.length ? state.shownHeads.map((h) => h + 1).join(',') : 'none');
  if (state.aggregate !== undefined && state.aggregate !== 'head') params.set('agg', state.aggregate);
  if (state.words) params.set('words', '1');
  if (state.hideSpecial) params.set('hide', '1');
  const off = formatToggles({ offHeads: state.offHeads ?? [], offLayers: state.offLayers ?? [] });
  if (off) params.set('off', off);
  if (state.theme !== undefined && state.theme !== 'auto') params.set('theme', state.theme);
  const ablate = formatToggles({ offHeads: state.ablate?.heads ?? [], offLayers: state.ablate?.layers ?? [] });
  if (ablate) params.set('ablate', ablate);
  if (state.pinned?.length) params.set('pin', state.pinned.join(','));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * Keeps what fits a model of `layers` × `heads`: layer and head clamped, toggles outside dropped,
 * with a notice for each change.
 */
export function fitToModel(
  state: Pick<UrlState, 'layer' | 'head' | 'offHeads' | 'offLayers'>,
  layers: number,
  heads: number,
): { layer?: number; head?: number; offHeads: HeadRef[]; offLayers: number[]; notices: string[] } {
  const notices: string[] = [];
  const clamp = (value: number | undefined, size: number, what: string) => {
    if (value === undefined || value < size) return value;
    notices.push(`This model has ${size} ${what}s, so ${what} ${value + 1} from the address shows as ${what} ${size}.`);
    return size - 1;
  };
  const offHeads = (state.offHeads ?? []).filter((r) => r.layer < layers && r.head < heads);
  const offLayers = (state.offLayers ?? []).filter((l) => l < layers);
  const dropped = (state.offHeads?.length ?? 0) - offHeads.length + (state.offLayers?.length ?? 0) - offLayers.length;
  if (dropped > 0) {
    notices.push(
      `Ignored ${dropped} switched-off head${dropped === 1 ? '' : 's'} or layer${dropped === 1 ? '' : 's'} that this model (${layers} × ${heads}) does not have.`,
    );
  }
  return {
    layer: clamp(state.layer, layers, 'layer'),
    head: clamp(state.head, heads, 'head'),
    offHeads,
    offLayers,
    notices,
  };
}

/** What restoring from the address needs of the app's state (LensState and ViewState fit). */
export interface UrlTargets {
  lens: {
    text: string;
    pair: string;
    backendPref: BackendChoice;
    bundled: BundledId | null;
    modelSpec: string;
    info: { label: string; heads?: number } | null;
    ablated?: readonly HeadRef[];
    pinned?: readonly string[];
    loadBundled(id: BundledId): Promise<void>;
    loadHubOrOffline(id: string): Promise<void>;
  };
  view: { apply(state: UrlState): void };
}

/**
 * Applies the address's state and starts loading its model (the default model when it names
 * none). Returns the state read and the notices to show. `startBench` replaces the model in
 * benchmark mode.
 */
export function restoreFromUrl(
  search: string,
  targets: UrlTargets,
  defaultModel: string,
  startBench: (seq: number) => void,
): UrlRead {
  const read = readUrlState(search);
  const { state } = read;
  const { lens, view } = targets;
  if (state.text !== undefined) lens.text = state.text;
  if (state.pair !== undefined) lens.pair = state.pair;
  if (state.backend !== undefined) lens.backendPref = state.backend;
  view.apply(state);
  if (state.bench !== undefined) startBench(state.bench);
  else {
    const model = state.model ?? defaultModel;
    void (isBundledId(model) ? lens.loadBundled(model) : lens.loadHubOrOffline(model));
  }
  return read;
}

/**
 * The state to write back to the address. The model only when a link can load it: a bundled
 * model, or the Hub id being shown (a folder from disk cannot be shared).
 */
export function currentUrlState(lens: UrlTargets['lens'], view: UrlState, bench?: number): UrlState {
  if (bench !== undefined) return { ...view, bench };
  const hub = isModelSpec(lens.modelSpec) && (lens.info === null || lens.info.label === lens.modelSpec);
  const model = lens.bundled ?? (hub ? lens.modelSpec : undefined);
  return {
    ...view,
    model,
    backend: lens.backendPref,
    text: lens.text,
    pair: lens.pair,
    ablate: ablationForUrl(lens.ablated ?? [], lens.info?.heads),
    pinned: lens.pinned ? [...lens.pinned] : undefined,
  };
}

/** Ablated heads, a layer whose every head is off written as "L-*". */
function ablationForUrl(heads: readonly HeadRef[], perLayer: number | undefined): UrlState['ablate'] {
  if (!heads.length) return undefined;
  const layers: number[] = [];
  if (perLayer) {
    for (const layer of new Set(heads.map((h) => h.layer))) {
      if (heads.filter((h) => h.layer === layer).length === perLayer) layers.push(layer);
    }
  }
  return { heads: heads.filter((h) => !layers.includes(h.layer)), layers };
}
