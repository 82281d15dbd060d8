import { BERT_UNCASED_FAMILY } from '../core/family';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../core/errors';
import type { RunResult } from '../core/types';
import { loadBundledTexts } from './bundledNode';
import { normalizeWord, splitWords } from './coref';
import { figuresFor } from './paperFigures';
import { checkProbeData, ProbeCancelled, ProbeDataError, runSuite, type ProbeEngine } from './runSuite';
import { rowOn, syntheticRun, syntheticTokens } from './testing/syntheticRun';

interface FakeOptions {
  /** An error to throw for a text. */
  fail?: (text: string) => Error | undefined;
  /** How the model spells a word it reads. */
  read?: (word: string) => string;
}

/** An engine with BERT's word splitting, one piece per word, and 2×2 heads that all attend to the previous token. */
class FakeEngine implements ProbeEngine {
  inputs: string[] = [];
  constructor(private readonly options: FakeOptions = {}) {}
  async run(input: { text: string; pair?: string }): Promise<RunResult> {
    this.inputs.push(input.text);
    const error = this.options.fail?.(input.text);
    if (error) throw error;
    const read = this.options.read ?? normalizeWord;
    const words = (text: string) => splitWords(text).map(read);
    const tokens = syntheticTokens(words(input.text), input.pair === undefined ? undefined : words(input.pair));
    return syntheticRun(tokens, 2, 2, (_, i, seq) => rowOn(seq, Math.max(0, i - 1)));
  }
}

const bundled = loadBundledTexts();
const model = 'fake';

// Two chains "a ← b ← c": every head is the previous word.
const CHAINS = ['first', 'second']
  .map(
    (id) =>
      `# sent_id = ${id}\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\t_\t_\t1\tflat\t_\t_\n3\tc\tc\tX\t_\t_\t2\tflat\t_\t_\n`,
  )
  .join('\n');

describe('runSuite', () => {
  it('runs a person’s CoNLL-U and reports dataset, numbers and the paper’s figures', async () => {
    const report = await runSuite('deps', new FakeEngine(), {
      model,
      family: BERT_UNCASED_FAMILY,
      bundled,
      data: CHAINS,
      dataName: 'mine.conllu',
    });
    expect(report.suite).toBe('deps');
    expect(report.model).toBe('fake');
    expect(report.dataset).toEqual({ name: 'mine.conllu', source: 'user', size: 2, used: 2, scored: 2, skipped: 0 });
    expect(report.reference.figures).toEqual(figuresFor('deps'));
    if (report.suite !== 'deps') throw new Error('unreachable');
    expect(report.result.relations[0]).toMatchObject({
      relation: 'flat',
      arcs: 4,
      baseline: { offset: -1, accuracy: 1 },
    });
    expect(report.result.relations[0]!.dependentToHead).toEqual([1, 1, 1, 1]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('uses the bundled dataset by default, and only the first `limit` items', async () => {
    const engine = new FakeEngine();
    const progress: [number, number][] = [];
    const report = await runSuite('coref', engine, {
      model,
      family: BERT_UNCASED_FAMILY,
      bundled,
      limit: 3,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(report.dataset).toMatchObject({ name: 'bundled coref.json', source: 'bundled', used: 3, scored: 3 });
    expect(report.dataset.size).toBeGreaterThan(3);
    expect(engine.inputs).toHaveLength(3);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('stops after the current item when the signal aborts, rejecting with ProbeCancelled', async () => {
    const engine = new FakeEngine();
    const controller = new AbortController();
    const run = runSuite('sep', engine, {
      model,
      family: BERT_UNCASED_FAMILY,
      bundled,
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    await expect(run).rejects.toThrow(ProbeCancelled);
    await expect(run).rejects.toMatchObject({
      done: 2,
      message: expect.stringMatching(/stopped after 2 of \d+ items/),
    });
    expect(engine.inputs).toHaveLength(2);
  });

  it('sees an abort from an event (a UI click, SIGINT) even when the engine never yields to the event loop', async () => {
    const engine = new FakeEngine(); // resolves in microtasks only, like the in-process WASM engine
    const controller = new AbortController();
    const run = runSuite('sep', engine, { model, family: BERT_UNCASED_FAMILY, bundled, signal: controller.signal });
    setTimeout(() => controller.abort(), 0);
    await expect(run).rejects.toThrow(ProbeCancelled);
    expect(engine.inputs.length).toBeLessThan(checkProbeData('sep', { bundled }).size);
  });

  it('does not start when the signal has already aborted', async () => {
    const engine = new FakeEngine();
    const controller = new AbortController();
    controller.abort();
    await expect(
      runSuite('deps', engine, { model, family: BERT_UNCASED_FAMILY, bundled, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'ProbeCancelled',
      done: 0,
    });
    expect(engine.inputs).toEqual([]);
  });

  it('skips an input the model finds empty, and reports why', async () => {
    const empty = new EngineError('empty-input', 'There is no text to analyse.');
    const engine = new FakeEngine({ fail: (text) => (text === 'b' ? empty : undefined) });
    const report = await runSuite('sep', engine, {
      model,
      family: BERT_UNCASED_FAMILY,
      bundled,
      data: 'a\nb\nc ||| d\n',
    });
    expect(report.dataset).toMatchObject({ used: 3, scored: 2, skipped: 1 });
    expect(report.result.skipped).toEqual([{ id: '#2', reason: 'There is no text to analyse.' }]);
  });

  it('lets other engine errors through', async () => {
    const engine = new FakeEngine({ fail: () => new EngineError('inference-failed', 'boom') });
    await expect(runSuite('sep', engine, { model, family: BERT_UNCASED_FAMILY, bundled, data: 'a' })).rejects.toThrow(
      'boom',
    );
  });

  it('reports skipped sentences whose words do not line up with the model’s', async () => {
    const engine = new FakeEngine({ read: (word) => (word === 'B' ? 'x' : normalizeWord(word)) });
    const data = `# sent_id = odd\n1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n2\tB\tb\tX\t_\t_\t1\tflat\t_\t_\n\n${CHAINS}`;
    const report = await runSuite('deps', engine, { model, family: BERT_UNCASED_FAMILY, bundled, data });
    expect(report.dataset).toMatchObject({ used: 3, scored: 2, skipped: 1 });
    expect(report.result.skipped).toEqual([
      { id: 'odd', reason: 'word 2 "B" does not line up with the model\'s word "x"' },
    ]);
  });
});

describe('checkProbeData', () => {
  it.each([
    ['deps', '1 The the DET _ _ 0 root _ _', /^mine: Line 1: expected 10 tab-separated columns.*not spaces/],
    [
      'coref',
      '[\n  {"id": "x",\n  }\n]',
      /^mine: not valid JSON at line 3, column 3: Expected double-quoted property name\.$/,
    ],
    ['coref', '[{"id": "x", "text": "It rained.", "kind": "simple"}]', /^mine: Item "x": "pronoun" must be an object/],
    ['sep', '# only a comment\n\n', /^mine: there is nothing to run: the file holds no sentences/],
    ['sep', 'a ||| b ||| c', /^mine: Line 1: "\|\|\|" appears 2 times/],
  ] as const)('refuses bad %s data with the parser’s message', (suite, data, message) => {
    expect(() => checkProbeData(suite, { bundled, data, dataName: 'mine' })).toThrow(ProbeDataError);
    expect(() => checkProbeData(suite, { bundled, data, dataName: 'mine' })).toThrow(message);
  });

  it.each(['sep', 'coref', 'deps'] as const)('reads the bundled %s dataset', (suite) => {
    const { source, size } = checkProbeData(suite, { bundled });
    expect(source).toBe('bundled');
    expect(size).toBeGreaterThan(50);
  });
});
