/**
 * How tokens are shown: word pieces or whole words (Clark et al. 2019 merge), with or without
 * [CLS]/[SEP] (the family's own names). One transform turns any [S, S] token-level matrix into what
 * the figure draws. Pieces are shown readable, as the family descriptor writes them (markers
 * dropped, continuations as "##"); the raw piece stays on the label.
 */

import { pieceLabels, specialNames, type ModelFamily } from '../core/family';
import type { TokenInfo } from '../core/types';
import { hideSpecialTokens, visibleIndices } from '../analysis/specialTokens';
import { mergeToWords, wordUnits, type WordUnit } from '../analysis/wordLevel';
import type { InkRole } from './palette';

export interface DisplayLabel {
  /** What a person reads: the readable piece, or the word. */
  text: string;
  /** The token as the model has it ("Ġkeys"), when it differs from the text. */
  raw?: string;
  special: boolean;
  segment: number;
}

export interface TokenDisplay {
  words: boolean;
  hideSpecial: boolean;
  /** Sequence length of the run. */
  seq: number;
  /** Tokens or words, before hiding. */
  units: WordUnit[];
  /** Positions in `units` that are shown, in order. */
  keep: number[];
  /** The shown labels, in order. */
  labels: DisplayLabel[];
  /** Whether the run is a sentence pair (segment B present). */
  isPair: boolean;
  /** The family's names of its first and separator tokens, "[CLS]/[SEP]" or "<s>/</s>". */
  specialNames: string;
}

export function tokenDisplay(
  tokens: readonly TokenInfo[],
  family: ModelFamily,
  options: { words: boolean; hideSpecial: boolean },
): TokenDisplay {
  const shown = options.words ? [] : pieceLabels(family, tokens);
  const units: WordUnit[] = options.words
    ? wordUnits(tokens, family)
    : tokens.map((t, i) => ({ text: shown[i]!, pieces: [i], special: t.special, segment: t.segment }));
  const keep = visibleIndices(units, options.hideSpecial);
  const rawOf = (unit: WordUnit): string | undefined => {
    const raw = options.words ? undefined : tokens[unit.pieces[0]!]?.text;
    return raw !== undefined && raw !== unit.text ? raw : undefined;
  };
  return {
    words: options.words,
    hideSpecial: options.hideSpecial,
    seq: tokens.length,
    units,
    keep,
    labels: keep.map((k) => {
      const unit = units[k]!;
      const raw = rawOf(unit);
      return { text: unit.text, ...(raw === undefined ? {} : { raw }), special: unit.special, segment: unit.segment };
    }),
    isPair: tokens.some((t) => t.segment === 1),
    specialNames: specialNames(family).both,
  };
}

export interface DisplayedMatrix {
  /** [size, size], row r attends from label r. */
  matrix: Float32Array;
  size: number;
  /** Mean fraction of each row's attention that went to hidden tokens (null when nothing is hidden). */
  meanRemoved: number | null;
}

/** A token-level [S, S] matrix as the figure shows it: merged to words, special tokens hidden. */
export function displayMatrix(tokenMatrix: Float32Array, display: TokenDisplay): DisplayedMatrix {
  const merged = display.words ? mergeToWords(tokenMatrix, display.seq, display.units) : tokenMatrix;
  const size = display.units.length;
  if (!display.hideSpecial || display.keep.length === size) {
    return { matrix: merged, size, meanRemoved: display.hideSpecial ? 0 : null };
  }
  const hidden = hideSpecialTokens(merged, size, display.keep);
  return { matrix: hidden.matrix, size: hidden.size, meanRemoved: hidden.meanRemoved };
}

/** Ink for a label: special tokens grey; in a sentence pair, segment A and B in their colours. */
export function labelRole(label: DisplayLabel, isPair: boolean): InkRole {
  if (label.special) return 'special';
  if (!isPair) return 'text';
  return label.segment === 1 ? 'segmentB' : 'segmentA';
}

/** The notes a figure carries about how tokens are shown, e.g. how much attention hiding removed. */
export function displayNotes(display: TokenDisplay, meanRemoved: number | null): string[] {
  const notes: string[] = [];
  if (display.words) notes.push('word level (pieces merged: attention to a word summed, from a word averaged)');
  if (display.hideSpecial && meanRemoved !== null) {
    notes.push(
      `${display.specialNames} hidden, rows renormalised: they held ${(meanRemoved * 100).toFixed(1)}% of each row's attention on average`,
    );
  }
  return notes;
}
