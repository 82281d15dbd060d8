/**
 * The claims page's cards: each claim of the BERTology survey (Rogers et al. 2020) that attention
 * can test, the paper it comes from, how the lab tests it, and the plain warnings a card gives
 * before any number (random weights, a model too small for the claim). Results: claimResults.ts.
 */

import { CLARK_2019, ROGERS_2020 } from '../../probes/paperFigures';
import { SEP_CLAIM_LAYERS } from '../../probes/sepScore';
import { DEMO_NOTE } from './labels';

export type ClaimId =
  'sep-middle' | 'broad-neighbours' | 'syntax-heads' | 'coref-head' | 'syntax-middle' | 'layers-alike';

/** Where a claim's numbers come from: a probe suite over a dataset, or the current input. */
export type ClaimSource = 'sep' | 'coref' | 'deps' | 'input';

export interface PaperRef {
  short: string;
  where: string;
  url?: string;
}

export interface ClaimCard {
  id: ClaimId;
  statement: string;
  /** How the lab tests it, in a sentence. */
  method: string;
  papers: PaperRef[];
  source: ClaimSource;
  /** The highest layer (1-based) the claim names; a smaller model cannot show it as stated. */
  needsLayers: number;
  /** What a smaller model lacks, e.g. "layers 6-10". */
  names: string;
  /** A sentence that shows what the claim is about; heads named on the card open on it. */
  example?: string;
}

export interface ModelFacts {
  layers: number;
  heads: number;
  isDemo: boolean;
  /** The model's separator token as its family names it ("[SEP]", "</s>"); "[SEP]" when absent. */
  sep?: string;
}

/** A Winograd-style sentence: the coreference claim's example, and where its heads open. */
export const COREF_EXAMPLE = 'The trophy did not fit in the suitcase because it was too big.';

const clark = (where: string): PaperRef => ({ short: CLARK_2019.short, where, url: CLARK_2019.url });

export const CLAIM_CARDS: readonly ClaimCard[] = [
  {
    id: 'sep-middle',
    statement:
      'Many heads attend to [SEP] in the middle layers: over half of the attention in layers 6-10 goes to [SEP].',
    method: 'Mean attention to [SEP] per layer, over every token of the bundled corpus (or your file).',
    papers: [clark('sec. 3.2, Figure 2')],
    source: 'sep',
    needsLayers: SEP_CLAIM_LAYERS.to,
    names: `layers ${SEP_CLAIM_LAYERS.from}-${SEP_CLAIM_LAYERS.to}`,
  },
  {
    id: 'broad-neighbours',
    statement: 'Some heads attend broadly; others put most of their attention on the previous or the next token.',
    method: 'Per head, the mean attention to the previous and next token and the mean entropy, over the corpus.',
    papers: [clark('sec. 3.1 and 3.3, Figure 4')],
    source: 'sep',
    // Positional heads need no particular depth: the paper's layers are where BERT-base has them.
    needsLayers: 1,
    names: 'layers 2, 4, 7 and 8 (previous-token heads)',
  },
  {
    id: 'syntax-heads',
    statement:
      'Particular heads track syntactic relations: head 8-10 direct objects, 8-11 determiners, 7-6 possessives.',
    method:
      'Each head predicts each word’s most-attended word; accuracy per relation on the bundled treebank, against the best fixed offset.',
    papers: [clark('sec. 4.2, Table 1')],
    source: 'deps',
    needsLayers: 8,
    names: 'heads 8-10, 8-11, 7-6 and 8-2',
    example: 'The chef cooked the meal for her brother’s friends.',
  },
  {
    id: 'coref-head',
    statement: 'A head resolves coreference: head 5-4 attends from a pronoun to its antecedent.',
    method:
      'A head resolves an item when the pronoun attends most to the right candidate; against the nearest and first candidate.',
    papers: [clark('sec. 4.3')],
    source: 'coref',
    needsLayers: 5,
    names: 'head 5-4',
    example: COREF_EXAMPLE,
  },
  {
    id: 'syntax-middle',
    statement: 'Syntactic information peaks in the middle layers.',
    method: 'Per layer, the best head’s dependency accuracy averaged over relations; where is the peak?',
    papers: [
      { short: ROGERS_2020.short, where: 'section on BERT layers', url: ROGERS_2020.url },
      { short: 'Vig & Belinkov 2019', where: 'attention to dependency relations by layer' },
    ],
    source: 'deps',
    needsLayers: 3,
    names: 'a middle (at least 3 layers)',
  },
  {
    id: 'layers-alike',
    statement: 'Heads in the same layer behave alike, and most heads can be pruned.',
    method:
      'On the current sentence, the Jensen-Shannon divergence between heads of the same layer and of different layers.',
    papers: [clark('sec. 6, Figure 6'), { short: 'Michel et al. 2019', where: 'head pruning' }],
    source: 'input',
    needsLayers: 2,
    names: 'more than one layer',
  },
];

/**
 * The lab's one notice about a random-weight model (shown once above every tab, not on each card
 * and chart), or null for a trained model.
 */
export function labNotice(model: ModelFacts): string | null {
  return model.isDemo
    ? `This is the ${DEMO_NOTE}. Load a trained BERT (e.g. Xenova/bert-base-uncased) to test the claims.`
    : null;
}

/** Plain warnings a card must show before any number: a model too small for the claim. */
export function caveats(card: ClaimCard, model: ModelFacts): string[] {
  const out: string[] = [];
  if (model.layers < card.needsLayers) {
    out.push(
      `This model has ${model.layers} layers × ${model.heads} heads: the claim is about ${card.names}, which it does not have.`,
    );
  }
  return out;
}
