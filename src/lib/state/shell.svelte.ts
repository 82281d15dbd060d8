/**
 * The app shell's state: which section is open, and the one way to open a head in the attention
 * views from anywhere (a claim card, a head-statistics map, a ranking, a table, a chart).
 */
import { getContext, setContext } from 'svelte';
import type { Aggregate } from '../render/viewOptions';
import type { LensState } from './lens.svelte';
import { ATTENTION, START, withSection } from './sectionRoute';
import type { ViewState } from './view.svelte';

/** A head to open, 0-based, with the sentence it was measured on when the data has one. */
export interface HeadTarget {
  layer: number;
  head: number;
  text?: string;
  pair?: string;
  /** 'mean' opens the mean of the layer's heads (a sweep ablates whole layers). */
  aggregate?: Extract<Aggregate, 'head' | 'mean'>;
}

export class Shell {
  section = $state(START);

  constructor(
    readonly lens: LensState,
    readonly view: ViewState,
  ) {}

  /** Opens a section, as a new history entry (Back returns to the one before). */
  go(section: string): void {
    if (section === this.section) return;
    this.section = section;
    history.pushState(history.state, '', `${location.pathname}${withSection(location.search, section)}`);
    window.scrollTo({ top: 0 });
  }

  /** Whether the loaded model has this head (a claim may name head 8-10 on a 4-layer model). */
  hasHead(layer: number, head: number): boolean {
    const info = this.lens.info;
    return info !== null && layer >= 0 && head >= 0 && layer < info.layers && head < info.heads;
  }

  /** Opens the head in the attention views (matrix view), on its sentence when one is given. */
  openHead(target: HeadTarget): void {
    const { lens, view } = this;
    if (target.text !== undefined && (target.text !== lens.text || (target.pair ?? '') !== lens.pair)) {
      lens.text = target.text;
      lens.pair = target.pair ?? '';
      void lens.run();
    }
    view.open(target.layer, target.head, 'matrix');
    // Set after `open` (which picks the single head) so a layer's mean can be asked for.
    view.aggregate = target.aggregate ?? 'head';
    this.go(ATTENTION);
  }
}

const KEY = Symbol('shell');

export function provideShell(shell: Shell): void {
  setContext(KEY, shell);
}

/** The app's shell, from any component under App (null in a component rendered on its own). */
export function useShell(): Shell | null {
  return getContext<Shell | undefined>(KEY) ?? null;
}
