/** `bertology probe` as a person runs it: the real CLI on the bundled demo model (`npm run fixtures`). */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport } from '../../../src/lib/probes/runSuite';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const DEMO = 'static/models/demo';
const exec = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function bertology(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec('node', ['scripts/bertology.js', ...args], { cwd: repo, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as Outcome;
    return { code, stdout, stderr };
  }
}

const CONLLU = `# sent_id = s1
1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\t_\t_\t3\tnsubj\t_\t_
3\tslept\tsleep\tVERB\t_\t_\t0\troot\t_\t_

# sent_id = s2
1\tDogs\tdog\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tbark\tbark\tVERB\t_\t_\t0\troot\t_\t_
`;

describe('bertology probe', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(repo, DEMO, 'config.json')))
      throw new Error(`${DEMO} is missing: run \`npm run fixtures\` first.`);
    dir = mkdtempSync(join(tmpdir(), 'bertology-probe-'));
    writeFileSync(join(dir, 'small.conllu'), CONLLU);
    writeFileSync(join(dir, 'bad.conllu'), CONLLU.replace('1\tDogs\tdog', '1 Dogs dog'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a JSON report of a small CoNLL-U file to stdout, with progress on stderr', async () => {
    const { code, stdout, stderr } = await bertology(
      'probe',
      '--model',
      DEMO,
      '--suite',
      'deps',
      '--data',
      join(dir, 'small.conllu'),
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as ProbeReport;
    expect(report).toMatchObject({
      suite: 'deps',
      model: DEMO,
      dataset: { name: 'small.conllu', source: 'user', size: 2, used: 2, scored: 2, skipped: 0 },
    });
    if (report.suite !== 'deps') throw new Error('wrong suite');
    expect(report.result.relations.map((r) => [r.relation, r.arcs])).toEqual([
      ['nsubj', 2],
      ['det', 1],
    ]);
    expect(report.reference.figures.map((f) => f.relation)).toContain('obj');
    expect(stderr).toContain('probe deps: 2/2');
    expect(stderr).toContain('small.conllu: 2 of 2 items scored, 0 skipped.');
  });

  it('writes the report to --out and nothing to stdout', async () => {
    const out = join(dir, 'sep.json');
    const { code, stdout } = await bertology('probe', '--model', DEMO, '--suite', 'sep', '--limit', '3', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const report = JSON.parse(readFileSync(out, 'utf8')) as ProbeReport;
    expect(report.dataset).toMatchObject({ name: 'bundled corpus.txt', used: 3 });
  });

  it('shows the parser’s message with its line number for a malformed file, exit 1, before loading the model', async () => {
    const { code, stdout, stderr } = await bertology(
      'probe',
      '--model',
      'no-such-model-folder',
      '--suite',
      'deps',
      '--data',
      join(dir, 'bad.conllu'),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('bertology: bad.conllu: Line 7: expected 10 tab-separated columns, found 8.');
    expect(stderr).toContain('leave out --data to use the bundled deps.conllu');
  });

  it('says so when the data file is missing, exit 1', async () => {
    const { code, stderr } = await bertology(
      'probe',
      '--model',
      DEMO,
      '--suite',
      'coref',
      '--data',
      join(dir, 'none.json'),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/Could not read --data ".*none\.json": there is no such file/);
  });

  it.each([
    [['--suite', 'syntax'], '--suite must be sep, coref, deps'],
    [['--suite', 'deps', '--limit', '0'], '--limit must be a whole number from 1 up'],
  ])('refuses bad arguments %j with exit 2', async (args, message) => {
    const { code, stderr } = await bertology('probe', '--model', DEMO, ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
