/**
 * Runs one claims-lab suite over a dataset, one input at a time, and reports the numbers beside the
 * published ones (paperFigures.ts). Environment-neutral: the caller passes the engine (the worker
 * proxy in the app, the Node engine in the CLI) and the bundled texts (`bundledTexts` in the browser,
 * `loadBundledTexts()` in Node), so this module imports neither.
 *
 *  - sep:   corpus statistics per head and layer (Clark et al. 2019, sec. 3);
 *  - coref: pronoun → antecedent heads (sec. 4.3);
 *  - deps:  dependency accuracy per head and relation (sec. 4.2).
 */

import { toErrorInfo } from '../core/errors';
import { BERT_UNCASED_FAMILY, type ModelFamily } from '../core/family';
import type { RunResult } from '../core/types';
import type { BundledTexts } from './bundled';
import { parseConllu } from './conllu';
import { parseCorefItems } from './coref';
import { CorefAccumulator, type CorefReport } from './corefScore';
import { parseCorpus } from './corpus';
import { DepAccumulator, depInputText, type DepReport } from './depScore';
import { CLARK_2019, figuresFor, type Citation, type PaperFigure, type ProbeSuite } from './paperFigures';
import { SepAccumulator, type SepReport } from './sepScore';

export type { ProbeSuite } from './paperFigures';
export type { SkippedItem } from './wordAlignment';

export const PROBE_SUITES: readonly ProbeSuite[] = ['sep', 'coref', 'deps'];

/** What a suite needs of an engine: BertEngine, or the app's worker proxy. */
export interface ProbeEngine {
  run(input: { text: string; pair?: string }): Promise<RunResult>;
  /** Several inputs at once, each result as run() gives it (BertEngine.runBatch); used when present. */
  runBatch?(inputs: { text: string; pair?: string }[]): Promise<RunResult[]>;
}

/** The bundled dataset each suite reads by default (file names in src/lib/probes/data/). */
export const SUITE_DATA: Readonly<Record<ProbeSuite, { key: keyof BundledTexts; file: string; kind: string }>> = {
  sep: { key: 'corpus', file: 'corpus.txt', kind: 'sentences (one sentence or "A ||| B" pair per line)' },
  coref: { key: 'coref', file: 'coref.json', kind: 'coreference items (a JSON array)' },
  deps: { key: 'deps', file: 'deps.conllu', kind: 'dependency trees (CoNLL-U)' },
};

/** The run was stopped through its AbortSignal; `done` items had been scored. */
export class ProbeCancelled extends Error {
  readonly done: number;
  readonly total: number;
  constructor(done: number, total: number) {
    super(`The probe was stopped after ${done} of ${total} items.`);
    this.name = 'ProbeCancelled';
    this.done = done;
    this.total = total;
  }
}

/** A dataset that cannot be read, with the parser's message (which names the line where it knows it). */
export class ProbeDataError extends Error {
  readonly dataset: string;
  constructor(dataset: string, message: string, options?: ErrorOptions) {
    super(`${dataset}: ${message}`, options);
    this.name = 'ProbeDataError';
    this.dataset = dataset;
  }
}

export interface RunSuiteOptions {
  /** The model's label, copied into the report. */
  model: string;
  /** The model's family (ModelInfo.family): how its special tokens and words are recognised. */
  family: ModelFamily;
  bundled: BundledTexts;
  /** A person's own dataset as text, in the suite's format; the bundled one when absent. */
  data?: string;
  /** The name to report for `data`, e.g. its file name. */
  dataName?: string;
  /** Use only the first `limit` items. */
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Inputs per batch when the engine has runBatch (default 1: one at a time). */
  batchSize?: number;
}

export interface DatasetInfo {
  name: string;
  source: 'bundled' | 'user';
  /** Items in the dataset, and how many of them were run (fewer with `limit`). */
  size: number;
  used: number;
  scored: number;
  skipped: number;
}

interface ReportCommon {
  model: string;
  dataset: DatasetInfo;
  reference: { citation: Citation; figures: PaperFigure[] };
}

export type ProbeReport = ReportCommon &
  (
    { suite: 'sep'; result: SepReport } | { suite: 'coref'; result: CorefReport } | { suite: 'deps'; result: DepReport }
  );

/** One input of a suite, and how to score its run. */
interface ProbeItem {
  id: string;
  input: { text: string; pair?: string };
  score(result: RunResult): void;
}

interface PreparedSuite {
  items: ProbeItem[];
  skip(id: string, reason: string): void;
  result(): ProbeReport['result'];
}

/** JSON.parse, with V8's "at position N" turned into a line and column a person can find. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    if (!at) throw new Error(`not valid JSON: ${message}`, { cause: error });
    const before = text.slice(0, Number(at[1])).split('\n');
    const where = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
    throw new Error(`not valid JSON at ${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}.`, {
      cause: error,
    });
  }
}

function prepare(suite: ProbeSuite, text: string, family: ModelFamily): PreparedSuite {
  if (suite === 'sep') {
    const acc = new SepAccumulator(family);
    const items = parseCorpus(text).map(({ a, b }, i) => ({
      id: `#${i + 1}`,
      input: b === undefined ? { text: a } : { text: a, pair: b },
      score: (r: RunResult) => acc.add(r),
    }));
    return { items, skip: (id, reason) => acc.skip(id, reason), result: () => acc.result() };
  }
  if (suite === 'coref') {
    const acc = new CorefAccumulator(family);
    const items = parseCorefItems(parseJson(text)).map((item) => ({
      id: item.id,
      input: { text: item.text },
      score: (r: RunResult) => void acc.add(item, r),
    }));
    return { items, skip: (id, reason) => acc.skip(id, reason), result: () => acc.result() };
  }
  const acc = new DepAccumulator(family);
  const items = parseConllu(text).map((sentence) => ({
    id: sentence.id,
    input: { text: depInputText(sentence) },
    score: (r: RunResult) => void acc.add(sentence, r),
  }));
  return { items, skip: (id, reason) => acc.skip(id, reason), result: () => acc.result() };
}

type DatasetSource = Pick<RunSuiteOptions, 'bundled' | 'data' | 'dataName'> & { family?: ModelFamily };

function openDataset(suite: ProbeSuite, options: DatasetSource) {
  const user = options.data !== undefined;
  const name = user ? (options.dataName ?? 'your data') : `bundled ${SUITE_DATA[suite].file}`;
  if (user && options.data!.trim() === '') throw new ProbeDataError(name, 'the file is empty.');
  let prepared: PreparedSuite;
  try {
    // Checking a file before a model is loaded: any family parses it the same way.
    prepared = prepare(
      suite,
      user ? options.data! : options.bundled[SUITE_DATA[suite].key],
      options.family ?? BERT_UNCASED_FAMILY,
    );
  } catch (error) {
    throw new ProbeDataError(name, error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (prepared.items.length === 0) {
    throw new ProbeDataError(name, `there is nothing to run: the file holds no ${SUITE_DATA[suite].kind}.`);
  }
  return { name, source: user ? ('user' as const) : ('bundled' as const), size: prepared.items.length, prepared };
}

/**
 * Parses a suite's dataset (the bundled one without `data`) and counts its items, or throws a
 * ProbeDataError with the parser's message. Cheap: check a person's file before loading a model.
 */
export function checkProbeData(
  suite: ProbeSuite,
  options: DatasetSource,
): { name: string; source: DatasetInfo['source']; size: number } {
  const { name, source, size } = openDataset(suite, options);
  return { name, source, size };
}

/** The inputs a suite would run, in order (for benchmarks: the same inputs through a plain session). */
export function suiteInputs(suite: ProbeSuite, options: DatasetSource & { limit?: number }): ProbeItem['input'][] {
  const items = openDataset(suite, options).prepared.items;
  return (options.limit === undefined ? items : items.slice(0, Math.max(0, options.limit))).map((item) => item.input);
}

/**
 * Lets the event loop run between items. An in-process engine (Node's WASM backend) can finish a
 * run without ever yielding, so without this an abort from a signal handler or a UI event would
 * only be seen after the last item.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/**
 * Runs every item through the engine and scores it, in the dataset's order; rejects with
 * ProbeCancelled once `signal` aborts (checked before each run). With an engine that batches, items
 * are taken a window at a time, sorted by length within the window so that a batch pads little, run
 * in batches, and scored in order: at most one window of results is held, and nothing once scored.
 */
export async function runSuite(suite: ProbeSuite, engine: ProbeEngine, options: RunSuiteOptions): Promise<ProbeReport> {
  const { name, source, size, prepared } = openDataset(suite, options);
  const items = options.limit === undefined ? prepared.items : prepared.items.slice(0, Math.max(0, options.limit));
  const batchSize = engine.runBatch ? Math.max(1, Math.floor(options.batchSize ?? 1)) : 1;
  const window = batchSize === 1 ? 1 : batchSize * 4;
  let done = 0;
  const checkAbort = () => {
    if (options.signal?.aborted) throw new ProbeCancelled(done, items.length);
  };
  /** One item on its own; a line the model cannot read (e.g. only control characters) is the data's problem. */
  const runOne = async (item: ProbeItem): Promise<RunResult | { skip: string }> => {
    try {
      return await engine.run(item.input);
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.code !== 'empty-input') throw error;
      return { skip: info.message };
    }
  };
  for (let start = 0; start < items.length; start += window) {
    const chunk = items.slice(start, start + window);
    const results: (RunResult | { skip: string } | null)[] = [];
    if (batchSize === 1) {
      checkAbort();
      results.push(await runOne(chunk[0]!));
    } else {
      const order = chunk.map((_, i) => i);
      const length = (i: number) => chunk[i]!.input.text.length + (chunk[i]!.input.pair?.length ?? 0);
      order.sort((a, b) => length(a) - length(b) || a - b);
      for (let k = 0; k < order.length; k += batchSize) {
        checkAbort();
        const group = order.slice(k, k + batchSize);
        let batch: RunResult[] | null = null;
        try {
          batch = await engine.runBatch!(group.map((i) => chunk[i]!.input));
        } catch (error) {
          if (toErrorInfo(error).code !== 'empty-input') throw error;
        }
        // A batch holding an unreadable line runs again one by one, so that only that line is skipped.
        for (let j = 0; j < group.length; j++) results[group[j]!] = batch ? batch[j]! : await runOne(chunk[group[j]!]!);
        await yieldToEventLoop();
      }
    }
    for (let i = 0; i < chunk.length; i++) {
      const result = results[i]!;
      if ('skip' in result) prepared.skip(chunk[i]!.id, result.skip);
      else chunk[i]!.score(result);
      results[i] = null; // counted: not held any longer
      done++;
      options.onProgress?.(done, items.length);
    }
    await yieldToEventLoop();
  }
  const result = prepared.result();
  const skipped = result.skipped.length;
  const dataset: DatasetInfo = { name, source, size, used: items.length, scored: items.length - skipped, skipped };
  const reference = { citation: CLARK_2019, figures: figuresFor(suite) };
  return { suite, model: options.model, dataset, reference, result } as ProbeReport;
}
