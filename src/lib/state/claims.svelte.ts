/**
 * The claims lab's state: one probe job per suite (dataset, progress, cancel, report), the
 * coreference pair picked on the current sentence, and the treebank sentence shown with a head.
 * Every run goes through LensState.runOnce, so the lab never replaces the main view's run, and a
 * new model load stops whatever is running (ClaimsLab calls `reset`).
 */
import { headStats, type HeadStatName, type HeadStats } from '../analysis/headStats';
import { wordUnits } from '../analysis/wordLevel';
import { bundledTexts } from '../probes/bundled';
import { parseConllu, type ConlluSentence } from '../probes/conllu';
import { rankHeadsForPair } from '../probes/corefScore';
import { depInputText } from '../probes/depScore';
import {
  checkProbeData,
  ProbeCancelled,
  ProbeDataError,
  runSuite,
  SUITE_DATA,
  type ProbeEngine,
  type ProbeReport,
  type ProbeSuite,
} from '../probes/runSuite';
import type { NamedHead } from '../probes/sepScore';
import { layerSimilarity, type LayerSimilarity } from '../analysis/headSimilarity';
import { toErrorInfo } from '../core/errors';
import type { HeadRef, RunResult } from '../core/types';
import type { LensState } from './lens.svelte';

export type ClaimsTab = 'claims' | 'stats' | 'coref' | 'syntax';
export type ReportOf<S extends ProbeSuite> = Extract<ProbeReport, { suite: S }>;

export interface LabProblem {
  message: string;
  hint: string;
}

/** A person's own dataset, already checked by the suite's parser. */
export interface UserData {
  name: string;
  text: string;
  size: number;
}

/** One suite over the bundled data or a person's file: run with progress, cancel, keep the report. */
export class ProbeJob<S extends ProbeSuite> {
  report = $state.raw<ReportOf<S> | null>(null);
  running = $state(false);
  done = $state(0);
  total = $state(0);
  note = $state('');
  problem = $state.raw<LabProblem | null>(null);
  data = $state.raw<UserData | null>(null);
  #controller: AbortController | null = null;

  constructor(
    readonly suite: S,
    private readonly lens: LensState,
  ) {}

  /** "bundled corpus.txt" or the file's name. */
  get datasetName(): string {
    return this.data?.name ?? `bundled ${SUITE_DATA[this.suite].file}`;
  }

  /** Checks a file with the suite's parser before anything runs; a bad file is reported, the old choice kept. */
  useFile(name: string, text: string): void {
    try {
      const { size } = checkProbeData(this.suite, { bundled: bundledTexts, data: text, dataName: name });
      this.data = { name, text, size };
      this.problem = null;
      this.note = '';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.problem = { message, hint: `Fix the file, or use the bundled ${SUITE_DATA[this.suite].file}.` };
    }
  }

  useBundled(): void {
    this.data = null;
    this.problem = null;
  }

  async run(): Promise<void> {
    const info = this.lens.info;
    if (!info || this.running) return;
    const controller = new AbortController();
    this.#controller = controller;
    const current = () => this.#controller === controller;
    this.running = true;
    this.done = 0;
    this.total = 0;
    this.note = '';
    this.problem = null;
    const engine: ProbeEngine = {
      run: async ({ text, pair }) => {
        // Plain input: no ablation or pinned words, so the numbers match `bertology probe`.
        const outcome = await this.lens.runOnce(pair === undefined ? { text } : { text, pair });
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      },
    };
    try {
      const report = await runSuite(this.suite, engine, {
        model: info.label,
        family: info.family,
        bundled: bundledTexts,
        ...(this.data ? { data: this.data.text, dataName: this.data.name } : {}),
        signal: controller.signal,
        onProgress: (done, total) => {
          if (!current()) return;
          this.done = done;
          this.total = total;
        },
      });
      if (current()) this.report = report as ReportOf<S>;
    } catch (error) {
      if (!current()) return;
      if (error instanceof ProbeCancelled) {
        this.note = `Cancelled after ${error.done} of ${error.total} items; nothing was kept.`;
      } else if (error instanceof ProbeDataError) {
        this.problem = {
          message: error.message,
          hint: `Fix the file, or use the bundled ${SUITE_DATA[this.suite].file}.`,
        };
      } else {
        const { message, hint } = toErrorInfo(error);
        this.problem = { message, hint };
      }
    } finally {
      if (current()) {
        this.running = false;
        this.#controller = null;
      }
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  /** A new model: stop, and forget what was measured on the old one. */
  reset(): void {
    if (this.#controller) {
      this.#controller.abort();
      this.#controller = null;
      this.running = false;
      this.note = 'Stopped: a new model is loading.';
    }
    this.report = null;
  }
}

/** A word of the current input the person can click (segment A or B), by its `TokenInfo.word` index. */
export interface WordChip {
  word: number;
  text: string;
  segment: number;
}

export class ClaimsState {
  tab = $state<ClaimsTab>('claims');
  readonly sep: ProbeJob<'sep'>;
  readonly coref: ProbeJob<'coref'>;
  readonly deps: ProbeJob<'deps'>;

  stat = $state<HeadStatName>('sep');
  statScope = $state<'input' | 'corpus'>('input');

  /** Coreference pair on the current sentence, valid only for the words it was picked on. */
  #pick = $state.raw<{ words: string; pronoun: number; antecedent: number | null } | null>(null);

  sentence = $state(0);
  depHead = $state.raw<HeadRef>({ layer: 0, head: 0 });
  depRun = $state.raw<{ text: string; result: RunResult } | null>(null);
  depProblem = $state('');

  similarity = $state.raw<LayerSimilarity | null>(null);

  constructor(private readonly lens: LensState) {
    this.sep = new ProbeJob('sep', lens);
    this.coref = new ProbeJob('coref', lens);
    this.deps = new ProbeJob('deps', lens);
  }

  /** Per-head statistics of the current input (Clark et al. 2019, sec. 3). */
  inputStats: HeadStats | null = $derived.by(() => {
    const r = this.lens.result;
    const info = this.lens.info;
    return r && info ? headStats(r.attention, r.attentionDims, r.tokens, info.family) : null;
  });

  words: WordChip[] = $derived.by(() => {
    const tokens = this.lens.result?.tokens ?? [];
    const family = this.lens.info?.family;
    if (!family) return [];
    return wordUnits(tokens, family)
      .filter((u) => !u.special)
      .map((u) => ({ word: tokens[u.pieces[0]!]!.word, text: u.text, segment: u.segment }));
  });

  #wordsKey = $derived(this.words.map((w) => w.text).join('\u0001'));

  pronoun: number | null = $derived(this.#pick?.words === this.#wordsKey ? this.#pick.pronoun : null);
  antecedent: number | null = $derived(this.#pick?.words === this.#wordsKey ? this.#pick.antecedent : null);

  /** Every head ranked by word-level attention from the pronoun to the antecedent. */
  ranking: NamedHead[] | null = $derived.by(() => {
    const r = this.lens.result;
    if (!r || this.pronoun === null || this.antecedent === null) return null;
    return rankHeadsForPair(r, this.pronoun, this.antecedent);
  });

  /** First click: the pronoun; second: the antecedent; a third starts again. */
  pickWord(word: number): void {
    const p = this.#pick?.words === this.#wordsKey ? this.#pick : null;
    this.#pick =
      p && p.antecedent === null && p.pronoun !== word
        ? { ...p, antecedent: word }
        : { words: this.#wordsKey, pronoun: word, antecedent: null };
  }

  clearPick(): void {
    this.#pick = null;
  }

  sentences: ConlluSentence[] = $derived.by(() => parseConllu(this.deps.data?.text ?? bundledTexts.deps));

  /** The chosen treebank sentence (the first when a new file has fewer sentences). */
  currentSentence: ConlluSentence | undefined = $derived.by(() => this.sentences[this.sentence] ?? this.sentences[0]);

  #sentencePending = '';

  /** Runs the chosen treebank sentence for the arcs view (once at a time per sentence). */
  async runSentence(): Promise<void> {
    const sentence = this.currentSentence;
    if (!sentence || !this.lens.info) return;
    const text = depInputText(sentence);
    if (this.#sentencePending === text) return;
    this.#sentencePending = text;
    const outcome = await this.lens.runOnce({ text });
    this.#sentencePending = '';
    if (this.currentSentence !== sentence) return; // another sentence was chosen meanwhile
    this.depProblem = outcome.ok ? '' : outcome.error.message;
    this.depRun = outcome.ok ? { text, result: outcome.value } : null;
  }

  measureSimilarity(): void {
    const r = this.lens.result;
    this.similarity = r ? layerSimilarity(r.attention, r.attentionDims) : null;
  }

  /** A new model is loading: stop every probe and drop what belonged to the old one. */
  reset(): void {
    this.sep.reset();
    this.coref.reset();
    this.deps.reset();
    this.depRun = null;
    this.depProblem = '';
    this.similarity = null;
    this.#pick = null;
  }
}
