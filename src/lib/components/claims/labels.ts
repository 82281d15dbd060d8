/**
 * Words and number formats the claims lab uses everywhere, and what the papers say about a head
 * (so hovering head 8-10 tells you Clark et al. 2019 found it tracking direct objects).
 */

import type { HeadStatName } from '../../analysis/headStats';
import { headName } from '../../analysis/layerLabels';
import { PAPER_FIGURES } from '../../probes/paperFigures';

export interface StatLabel {
  /** For a menu: "attention to [SEP]". */
  label: string;
  /** For a legend: "[SEP]". */
  short: string;
  /** Fractions of attention are shown as percentages on 0-100%; entropy in nats on 0-max. */
  unit: 'fraction' | 'nats';
}

/** The labels, naming the first and separator tokens as the loaded family does ("</s>" for RoBERTa). */
export function statLabels(
  names: { cls: string; sep: string } = { cls: '[CLS]', sep: '[SEP]' },
): Record<HeadStatName, StatLabel> {
  return {
    ...STAT_LABELS,
    sep: { label: `attention to ${names.sep}`, short: names.sep, unit: 'fraction' },
    cls: { label: `attention to ${names.cls}`, short: names.cls, unit: 'fraction' },
  };
}

/** The labels with BERT's names; `statLabels` names the loaded family's tokens. */
export const STAT_LABELS: Record<HeadStatName, StatLabel> = {
  sep: { label: 'attention to [SEP]', short: '[SEP]', unit: 'fraction' },
  cls: { label: 'attention to [CLS]', short: '[CLS]', unit: 'fraction' },
  punct: { label: 'attention to punctuation', short: 'punctuation', unit: 'fraction' },
  self: { label: 'attention to the token itself', short: 'self', unit: 'fraction' },
  prev: { label: 'attention to the previous token', short: 'previous token', unit: 'fraction' },
  next: { label: 'attention to the next token', short: 'next token', unit: 'fraction' },
  entropy: { label: 'entropy of attention (nats)', short: 'entropy', unit: 'nats' },
};

/** "53.2%" (digits after the point configurable). */
export function percent(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : '–';
}

export function formatStat(stat: HeadStatName, value: number): string {
  return STAT_LABELS[stat].unit === 'fraction' ? percent(value) : `${value.toFixed(3)} nats`;
}

/** The note the random-weight demo model carries on every chart and card. */
export const DEMO_NOTE = 'random-weight demo model: these numbers exercise the lab and mean nothing';

/** What the papers report about a head, 1-based name as in "head 8-10"; empty when nothing. */
export function paperNotes(layer: number, head: number): string[] {
  const name = headName(layer, head);
  return PAPER_FIGURES.filter((f) => f.head === name).map((f) => {
    const what = f.suite === 'coref' ? 'coreference' : `${f.paperRelation ?? f.relation} dependents`;
    return `${f.source.short}: ${what}${f.value === null ? '' : ` ${f.approximate ? '≈' : ''}${percent(f.value)}`}`;
  });
}

/** A head's hover text: its name in the literature's numbering, the value, and what the papers say about it. */
export function headTip(layer: number, head: number, value: string): string {
  const notes = paperNotes(layer, head);
  return `${headName(layer, head)}: ${value}${notes.length ? ` — ${notes.join('; ')}` : ''}`;
}
