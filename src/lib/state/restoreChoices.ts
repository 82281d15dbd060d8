/**
 * Ablated heads and pinned words from the address (issue 9, item 6). Pinned words apply at once;
 * ablation waits for the model, whose shape expands "3-*" to every head of layer 3. Heads the
 * model does not have are then dropped by LensState, with a notice naming them.
 */
import type { HeadRef } from '../core/types';
import type { UrlState } from './urlState';

export interface ChoiceTargets {
  lens: {
    pinned: string[];
    ablated: HeadRef[];
    onModelLoaded(fit: (info: { heads: number }) => string[]): void;
  };
  lab: { pinnedText: string };
}

export function restoreChoices(state: Pick<UrlState, 'ablate' | 'pinned'>, { lens, lab }: ChoiceTargets): void {
  if (state.pinned?.length) {
    lens.pinned = [...state.pinned];
    lab.pinnedText = state.pinned.join(', ');
  }
  const ablate = state.ablate;
  if (!ablate || (ablate.heads.length === 0 && ablate.layers.length === 0)) return;
  lens.ablated = [...ablate.heads];
  let pending = true;
  lens.onModelLoaded(({ heads }) => {
    if (!pending) return [];
    pending = false;
    const whole = ablate.layers.flatMap((layer) => Array.from({ length: heads }, (_, head) => ({ layer, head })));
    const seen = new Set<string>();
    lens.ablated = [...ablate.heads, ...whole].filter((h) => {
      const key = `${h.layer}-${h.head}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
    return [];
  });
}
