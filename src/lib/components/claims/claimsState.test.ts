/** The claims lab's state against a fake LensState: runs, progress, cancel, a model load, the pronoun pair. */
import { BERT_UNCASED_FAMILY } from '../../core/family';
import { describe, expect, it } from 'vitest';
import type { RunInput, RunResult } from '../../core/types';
import { rowOn, syntheticRun, syntheticTokens } from '../../probes/testing/syntheticRun';
import { ClaimsState, ProbeJob } from '../../state/claims.svelte';
import type { LensState } from '../../state/lens.svelte';

/** A lens whose runs give every word of the text its own token; head 1-1 attends to [CLS]. */
function fakeLens(result: RunResult | null = null) {
  const inputs: RunInput[] = [];
  const lens = {
    info: { label: 'fake', layers: 1, heads: 1, family: BERT_UNCASED_FAMILY },
    result,
    async runOnce(input: RunInput) {
      inputs.push(input);
      await Promise.resolve();
      const words = input.text.split(' ');
      const tokens = syntheticTokens(words, input.pair?.split(' '));
      return { ok: true as const, value: syntheticRun(tokens, 1, 1, (_m, _i, seq) => rowOn(seq, 0)) };
    },
  };
  return { lens: lens as unknown as LensState, inputs };
}

describe('ProbeJob', () => {
  it('runs the bundled corpus through lens.runOnce with plain inputs and keeps the report', async () => {
    const { lens, inputs } = fakeLens();
    const job = new ProbeJob('sep', lens);
    job.useFile('mine.txt', 'one two\nthree ||| four five\n');
    expect(job.datasetName).toBe('mine.txt');
    await job.run();
    expect(inputs).toEqual([{ text: 'one two' }, { text: 'three', pair: 'four five' }]);
    expect(job.report?.dataset).toMatchObject({ name: 'mine.txt', source: 'user', size: 2, scored: 2 });
    expect(job.report?.result.perHead.cls).toEqual([1]);
    expect([job.running, job.done, job.total]).toEqual([false, 2, 2]);
  });

  it('refuses a malformed file in the parser’s words and keeps the earlier choice', () => {
    const job = new ProbeJob('deps', fakeLens().lens);
    job.useFile('bad.conllu', '1\tword\n');
    expect(job.problem?.message).toMatch(/^bad\.conllu: Line 1: expected 10 tab-separated columns/);
    expect(job.data).toBeNull();
    expect(job.datasetName).toBe('bundled deps.conllu');
  });

  it('stops on cancel after the current item and keeps nothing', async () => {
    const { lens } = fakeLens();
    const job = new ProbeJob('sep', lens);
    const running = job.run();
    job.cancel();
    await running;
    expect(job.report).toBeNull();
    expect(job.note).toMatch(/^Cancelled after 1 of 233 items; nothing was kept\.$/);
    expect(job.running).toBe(false);
  });

  it('on a model load, stops and forgets the old model’s report', async () => {
    const { lens } = fakeLens();
    const job = new ProbeJob('sep', lens);
    job.useFile('two.txt', 'a b\nc d');
    await job.run();
    expect(job.report).not.toBeNull();
    const again = job.run();
    job.reset();
    await again;
    expect(job.report).toBeNull();
    expect(job.note).toBe('Stopped: a new model is loading.');
    expect(job.running).toBe(false);
  });
});

describe('ClaimsState: the pronoun and its antecedent', () => {
  // [CLS] the cat sat because it slept [SEP]; head 1-1 sends "it" (token 5) all to "cat" (token 2).
  const tokens = syntheticTokens(['the', 'cat', 'sat', 'because', 'it', 'slept']);
  const run = syntheticRun(tokens, 1, 2, (m, i, seq) => rowOn(seq, m === 0 && i === 5 ? 2 : 0));

  it('ranks heads after two clicks and starts over on a third', () => {
    const claims = new ClaimsState(fakeLens(run).lens);
    expect(claims.words.map((w) => w.text)).toEqual(['the', 'cat', 'sat', 'because', 'it', 'slept']);
    claims.pickWord(4);
    expect([claims.pronoun, claims.antecedent, claims.ranking]).toEqual([4, null, null]);
    claims.pickWord(1);
    expect(claims.ranking?.map((h) => [h.name, h.value])).toEqual([
      ['head 1-1', 1],
      ['head 1-2', 0],
    ]);
    claims.pickWord(2);
    expect([claims.pronoun, claims.antecedent]).toEqual([2, null]);
  });
});
