/**
 * Which model and which input a result came from. A result is shown or exported only while both
 * still hold: a picture of one model is never shown under another's name, nor numbers of an
 * earlier text under the current one (issue 13, defect 1).
 */
import type { HeadRef, RunInput } from '../core/types';

export interface ResultIdentity {
  /** The engine's id of the model load the result came from. */
  loadId: number;
  /** The input, in a canonical form (see inputKey). */
  input: string;
}

/** The same key for inputs that ask the model the same thing (head order does not matter). */
export function inputKey(input: RunInput): string {
  const heads = [...(input.ablate ?? [])].sort((a, b) => a.layer - b.layer || a.head - b.head);
  return JSON.stringify([
    input.text,
    input.pair ?? '',
    input.topK ?? 10,
    heads.map((h) => `${h.layer}-${h.head}`),
    input.pinned ?? [],
  ]);
}

export function sameIdentity(a: ResultIdentity | null, b: ResultIdentity | null): boolean {
  return a !== null && b !== null && a.loadId === b.loadId && a.input === b.input;
}

/**
 * Why a result may not be exported as the current model's numbers, or null when it may: it must
 * come from the loaded model (by load id, and by its shape) and from the input in the boxes.
 */
export function exportRefusal(
  result: { loadId?: number; attentionDims: readonly number[] },
  model: { loadId?: number; layers: number; heads: number; label: string },
  identity: ResultIdentity | null,
  current: ResultIdentity,
): string | null {
  const [layers, heads] = result.attentionDims;
  const fromModel =
    result.loadId === model.loadId &&
    identity?.loadId === current.loadId &&
    layers === model.layers &&
    heads === model.heads;
  if (!fromModel) return `These numbers are not from ${model.label}, the model now loaded. Wait for its run to finish.`;
  if (identity?.input !== current.input) {
    return 'These numbers are from an earlier text or setting. Wait for the run of the current one to finish.';
  }
  return null;
}

/** Heads as people write them, 1-based: "4-1, 4-2". */
export function headList(heads: readonly HeadRef[]): string {
  return heads.map((h) => `${h.layer + 1}-${h.head + 1}`).join(', ');
}

/**
 * Keeps the heads a model of `layers` × `heads` has; says which were dropped and why, so that
 * loading a smaller model never fails on the heads chosen for the bigger one.
 */
export function fitHeads(
  list: readonly HeadRef[],
  layers: number,
  heads: number,
  what: string,
): { kept: HeadRef[]; notices: string[] } {
  const kept = list.filter((h) => h.layer >= 0 && h.layer < layers && h.head >= 0 && h.head < heads);
  const dropped = list.filter((h) => !kept.includes(h));
  const notices = dropped.length
    ? [
        `${what} ${dropped.length === 1 ? 'head' : 'heads'} ${shortList(dropped)} dropped: this model has ${layers} layers of ${heads} heads.`,
      ]
    : [];
  return { kept, notices };
}

function shortList(heads: readonly HeadRef[]): string {
  const shown = headList(heads.slice(0, 8));
  return heads.length > 8 ? `${shown} and ${heads.length - 8} more` : shown;
}
