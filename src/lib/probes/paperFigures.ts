/**
 * Published figures to set a probe run beside. Clark et al. 2019 worked on BERT-base (they note the
 * same [SEP] pattern in the uncased model, sec. 3.2); the Lens default, Xenova/bert-base-uncased, is
 * that model exported to ONNX. Their data differ from ours (Wikipedia segments of 128 tokens, the
 * WSJ Penn Treebank in Stanford dependencies, CoNLL-2012 coreference), so these are landmarks, not
 * targets. Head names are 1-based as in the paper ("head 8-10"); values are fractions (0.868 = 86.8%).
 */

export type ProbeSuite = 'sep' | 'coref' | 'deps';

export interface Citation {
  short: string;
  full: string;
  url: string;
}

export const CLARK_2019: Citation = {
  short: 'Clark et al. 2019',
  full: "Kevin Clark, Urvashi Khandelwal, Omer Levy, Christopher D. Manning. What Does BERT Look At? An Analysis of BERT's Attention. BlackboxNLP 2019.",
  url: 'https://aclanthology.org/W19-4828',
};

export const ROGERS_2020: Citation = {
  short: 'Rogers et al. 2020',
  full: 'Anna Rogers, Olga Kovaleva, Anna Rumshisky. A Primer in BERTology: What We Know About How BERT Works. TACL 2020.',
  url: 'https://aclanthology.org/2020.tacl-1.54',
};

export interface PaperFigure {
  id: string;
  suite: ProbeSuite;
  /** The claim in words, as a person would check it. */
  claim: string;
  /** The published number as a fraction, or null for a claim without one (e.g. "peaks in the middle layers"). */
  value: number | null;
  /** The head the paper names, 1-based "head 8-10", when there is one. */
  head?: string;
  /** The Universal Dependencies relation our data uses for the paper's relation. */
  relation?: string;
  /** The relation as the paper names it (Stanford dependencies), when it differs. */
  paperRelation?: string;
  /** The paper's fixed-offset baseline for the relation, and its offset (+1 = the next word). */
  baseline?: { value: number; offset: number };
  /** True when the number is quoted from memory of the paper or a secondary source rather than checked against its table. */
  approximate: boolean;
  source: Citation;
  /** Section, table or figure. */
  where: string;
  note?: string;
}

const DEP_NOTE =
  'Dependent → head direction (the dependent attends most to its head). Stanford dependencies on the WSJ Penn Treebank; ' +
  'our data are Universal Dependencies, where some relations attach differently (e.g. copulas).';

/** Table 1 rows (and Figure 5 heads) of Clark et al. 2019, sec. 4.2, for relations with a close UD counterpart. */
const DEPENDENCY_FIGURES: PaperFigure[] = [
  { relation: 'det', paper: 'det', head: 'head 8-11', value: 0.943, baseline: { value: 0.517, offset: 1 } },
  { relation: 'obj', paper: 'dobj', head: 'head 8-10', value: 0.868, baseline: { value: 0.4, offset: -2 } },
  { relation: 'nmod:poss', paper: 'poss', head: 'head 7-6', value: 0.805, baseline: { value: 0.477, offset: 1 } },
  { relation: 'nsubj', paper: 'nsubj', head: 'head 8-2', value: 0.585, baseline: { value: 0.455, offset: 1 } },
].map(({ relation, paper, head, value, baseline }) => ({
  id: `deps-${relation}`,
  suite: 'deps' as const,
  claim: `${head} finds the head word of ${paper} dependents`,
  value,
  head,
  relation,
  ...(paper !== relation ? { paperRelation: paper } : {}),
  baseline,
  approximate: false,
  source: CLARK_2019,
  where: 'sec. 4.2, Table 1',
  note: DEP_NOTE,
}));

export const PAPER_FIGURES: readonly PaperFigure[] = [
  {
    id: 'sep-layers-6-10',
    suite: 'sep',
    claim: 'Over half of the attention in layers 6-10 goes to [SEP]',
    value: 0.5,
    approximate: false,
    source: CLARK_2019,
    where: 'sec. 3.2, Figure 2',
    note: 'A lower bound ("over half"), per layer, averaged over heads and tokens of 128-token two-paragraph inputs; short inputs spread attention over fewer tokens.',
  },
  {
    id: 'sep-prev-heads',
    suite: 'sep',
    claim: 'Four heads (in layers 2, 4, 7 and 8) put over half of their attention on the previous token',
    value: null,
    approximate: false,
    source: CLARK_2019,
    where: 'sec. 3.1',
  },
  {
    id: 'sep-next-heads',
    suite: 'sep',
    claim: 'Five heads (in layers 1, 2, 2, 3 and 6) put over half of their attention on the next token',
    value: null,
    approximate: false,
    source: CLARK_2019,
    where: 'sec. 3.1',
  },
  {
    id: 'sep-broad-lower-layers',
    suite: 'sep',
    claim: 'Some heads, especially in lower layers, attend very broadly (high entropy)',
    value: null,
    approximate: false,
    source: CLARK_2019,
    where: 'sec. 3.3, Figure 4',
  },
  ...DEPENDENCY_FIGURES,
  {
    id: 'deps-middle-layers',
    suite: 'deps',
    claim: 'Syntactic information is most prominent in the middle layers',
    value: null,
    approximate: false,
    source: ROGERS_2020,
    where: 'sec. "BERT layers" (citing Hewitt & Manning 2019, Goldberg 2019, Jawahar et al. 2019, Vig & Belinkov 2019)',
    note: 'A survey of probing results, mostly on hidden states; Vig & Belinkov report attention to dependency relations peaking in the middle layers.',
  },
  {
    id: 'coref-head-5-4',
    suite: 'coref',
    claim: 'head 5-4 attends from a coreferent mention to its antecedent',
    value: 0.651,
    head: 'head 5-4',
    approximate: true,
    source: CLARK_2019,
    where: 'sec. 4.3, Table 2 and Figure 5',
    note: 'Antecedent selection on CoNLL-2012 (all mention types, every preceding mention a candidate): harder than our two- or three-candidate pronoun items. The paper compares a nearest-mention baseline (≈27%), head-word match (≈52%) and a rule-based system (≈69%).',
  },
];

/** The figures for one suite, in the order above. */
export function figuresFor(suite: ProbeSuite): PaperFigure[] {
  return PAPER_FIGURES.filter((f) => f.suite === suite);
}
