/** `bertology probe`: check a claim of Clark et al. 2019 on a model, over a bundled or given dataset. */
import { basename } from 'node:path';
import { loadBundledTexts } from '../../../src/lib/probes/bundledNode';
import {
  checkProbeData,
  PROBE_SUITES,
  ProbeCancelled,
  ProbeDataError,
  runSuite,
  SUITE_DATA,
  type ProbeReport,
  type ProbeSuite,
} from '../../../src/lib/probes/runSuite';
import { loadModel, modelOptions, type CommandSpec } from '../options';
import { checkWritable, writeAtomic } from '../atomicWrite';
import { readTextFile } from '../textInput';

const percent = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** A few lines for a person reading the terminal; the JSON has everything. */
function summary(report: ProbeReport): string[] {
  const { dataset } = report;
  const lines = [`${dataset.name}: ${dataset.scored} of ${dataset.used} items scored, ${dataset.skipped} skipped.`];
  if (report.suite === 'sep') {
    const sep = report.result.layerMeans.sep.map((v, l) => `${l + 1}:${percent(v)}`).join(' ');
    lines.push(`mean attention to [SEP] per layer: ${sep}`);
    const claim = report.result.sepClaim;
    if (claim) lines.push(`over half to [SEP] in every layer ${claim.fromLayer}-${claim.toLayer}: ${claim.holds}`);
  } else if (report.suite === 'coref') {
    const { best, baselines } = report.result;
    const top = best[0];
    if (top)
      lines.push(`best head ${top.name.slice(5)}: ${percent(top.value)} (nearest ${percent(baselines.nearest)})`);
  } else {
    for (const r of report.result.relations.slice(0, 5)) {
      lines.push(
        `${r.relation}: ${r.best.name} ${percent(r.best.accuracy)} (${r.best.direction}; offset ${r.baseline.offset}: ${percent(r.baseline.accuracy)})`,
      );
    }
    const peak = report.result.peakLayer;
    if (peak !== null) lines.push(`syntax peaks in layer ${peak + 1}`);
  }
  return lines;
}

function fail(message: string, hint = ''): number {
  process.stderr.write(`bertology: ${message}\n${hint ? `${hint}\n` : ''}`);
  return 1;
}

export const probe: CommandSpec = {
  name: 'probe',
  usage: `bertology probe --model <mini|hub-id|folder|url> --suite sep|coref|deps [--data FILE] [--limit N]
                [--out FILE] [--runtime native|wasm] [--dtype fp32|fp16|q8] [--threads N] [--batch N]

  Checks a claim of Clark et al. 2019 ("What Does BERT Look At?") and writes a JSON report (to
  stdout without --out): sep = attention to [SEP]/[CLS]/punctuation per head and layer, coref =
  heads that attend from a pronoun to its antecedent, deps = dependency accuracy per head and
  relation. --data replaces the bundled dataset with a file of
${PROBE_SUITES.map((s) => `    ${s.padEnd(6)}${SUITE_DATA[s].kind}`).join('\n')}
  --limit N runs only the first N items; Ctrl-C stops after the current batch. --batch N runs N
  inputs of similar length at once (default 1: on the bundled datasets' short sentences, batches
  of 8 were no faster on the CPU, their padding eating the gain of larger matrix products).`,
  options: {
    ...modelOptions,
    suite: { type: 'string' },
    data: { type: 'string' },
    limit: { type: 'string' },
    batch: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, io) {
    const suite = values.suite as ProbeSuite;
    if (!PROBE_SUITES.includes(suite)) return io.usageError(`--suite must be ${PROBE_SUITES.join(', ')}.`);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      return io.usageError('--limit must be a whole number from 1 up.');
    }
    const batchSize = values.batch === undefined ? 1 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1)
      return io.usageError('--batch must be a whole number from 1 up.');
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (out !== undefined) await checkWritable(out); // before the suite runs, not after it
    let data: string | undefined;
    if (typeof values.data === 'string') data = await readTextFile(values.data, '--data', io.note, 1 << 30);
    const source = {
      bundled: loadBundledTexts(),
      data,
      dataName: data === undefined ? undefined : basename(values.data as string),
    };
    try {
      checkProbeData(suite, source); // check the file before spending time on the model
    } catch (error) {
      if (error instanceof ProbeDataError)
        return fail(error.message, `Fix the file, or leave out --data to use the bundled ${SUITE_DATA[suite].file}.`);
      throw error;
    }
    // The suites read attention only: the session leaves out the masked-LM head and hidden states.
    const { engine, info } = await loadModel(values, { attentionOnly: true });
    for (const notice of info.notices) io.note(notice);
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    let step = 0;
    const onProgress = (done: number, total: number): void => {
      if (process.stderr.isTTY) process.stderr.write(`\rprobe ${suite}: ${done}/${total}${done === total ? '\n' : ''}`);
      else if (done === total || Math.floor((10 * done) / total) > step) {
        step = Math.floor((10 * done) / total);
        process.stderr.write(`probe ${suite}: ${done}/${total}\n`);
      }
    };
    let report: ProbeReport;
    try {
      report = await runSuite(suite, engine, {
        ...source,
        model: info.label,
        family: info.family,
        limit,
        batchSize,
        signal: controller.signal,
        onProgress,
      });
    } catch (error) {
      if (error instanceof ProbeCancelled) return fail(error.message, 'Nothing was written.');
      throw error;
    } finally {
      process.off('SIGINT', stop);
      await engine.dispose();
    }
    for (const line of summary(report)) io.note(line);
    const json = JSON.stringify(report);
    if (out !== undefined) await writeAtomic(out, [json]);
    else io.out(`${json}\n`);
    return 0;
  },
};
