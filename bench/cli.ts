/**
 * The CLI's rows of `npm run bench` (issue 11): corpus runs against plain native inference, native
 * against WASM numerics, and start-up time. Runnable alone: `npx tsx bench/cli.ts` prints the rows.
 *
 *  - "CLI probe vs plain native", per suite (sep, deps, coref), --threads 1, on the 6-layer 12-head
 *    768-wide random BERT (`make-fixtures six`) over the bundled datasets: the whole
 *    `bertology probe` process (start-up, model load, tokenisation, statistics, report) against a
 *    plain onnxruntime-node session of the unmodified model running the same token ids one at a
 *    time, model load included (bench/plainNative.ts; its tokenisation is done beforehand and not
 *    counted). The two alternate, `BENCH_CLI_ROUNDS` times (default 1), in this one run; the ratio is
 *    of CPU seconds (user + system), since this machine is shared and wall time mostly measures the
 *    queue for a core. Wall seconds are shown too.
 *  - native vs WASM attention: the largest difference over a few corpus sentences, against 1e-5.
 *  - start-up: `npx bertology` and `node scripts/bertology.js` with no arguments, median wall time
 *    of 5 runs, against 0.5 s.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { formatRows, row, type BenchRow } from './benchRow';
import { plainNative, tokenizeInputs } from './plainNative';
import { loadBundledTexts } from '../src/lib/probes/bundledNode';
import { suiteInputs, type ProbeSuite } from '../src/lib/probes/runSuite';
import { createCliEngine } from '../scripts/cli/runtimes';
import { readerFor } from '../scripts/cli/modelReader';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = 'fixtures/bert-six-random';
const SUITES: ProbeSuite[] = ['sep', 'deps', 'coref'];
const ROUNDS = Number(process.env.BENCH_CLI_ROUNDS ?? 1);
const exec = promisify(execFile);

interface Timing {
  wall: number;
  cpu: number;
}

const seconds = (v: number) => `${v.toFixed(2)} s`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs a command to completion; wall seconds, and CPU seconds of the process tree via GNU time when present. */
async function timed(command: string, args: string[]): Promise<Timing> {
  const gnuTime = existsSync('/usr/bin/time');
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const timeFile = join(dir, 'time');
  const [cmd, argv] = gnuTime ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args]] : [command, args];
  const start = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (c) =>
      c === 0 ? resolve(c) : reject(new Error(`${command} ${args.join(' ')}: exit ${c}\n${stderr}`)),
    );
  });
  const wall = (performance.now() - start) / 1000;
  let cpu = Number.NaN;
  if (gnuTime && code === 0) {
    const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    cpu = user! + system!;
  }
  rmSync(dir, { recursive: true, force: true });
  return { wall, cpu };
}

async function prepare(): Promise<void> {
  await exec('node', ['node_modules/tsx/dist/cli.mjs', 'scripts/make-fixtures.ts', 'six'], { cwd: ROOT });
  await exec('node', ['scripts/build-cli.mjs'], { cwd: ROOT });
}

async function probeRows(): Promise<BenchRow[]> {
  const bundled = loadBundledTexts();
  const rows: BenchRow[] = [];
  const out = mkdtempSync(join(tmpdir(), 'bench-probe-'));
  for (const suite of SUITES) {
    const inputs = await tokenizeInputs(MODEL, suiteInputs(suite, { bundled }));
    const tokens = inputs.reduce((n, t) => n + t.ids.length, 0);
    const plain: Timing[] = [];
    const cli: Timing[] = [];
    const report = join(out, `${suite}.json`);
    const args = [
      'scripts/bertology.js',
      'probe',
      '--suite',
      suite,
      '--threads',
      '1',
      '--model',
      MODEL,
      '--out',
      report,
    ];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so that drift in the machine's load hits both alike.
      const runPlain = async () => plain.push(await plainNative(MODEL, inputs, 1));
      const runCli = async () => cli.push(await timed(process.execPath, args));
      if (r % 2) await runCli().then(runPlain);
      else await runPlain().then(runCli);
    }
    const p = { wall: median(plain.map((t) => t.wall)), cpu: median(plain.map((t) => t.cpu)) };
    const c = { wall: median(cli.map((t) => t.wall)), cpu: median(cli.map((t) => t.cpu)) };
    const scored = (JSON.parse(readFileSync(report, 'utf8')) as { dataset: { scored: number } }).dataset.scored;
    const byCpu = Number.isFinite(c.cpu);
    rows.push(
      row(
        `CLI probe ${suite} vs plain native (1 thread)`,
        byCpu
          ? `CPU ${seconds(c.cpu)} vs ${seconds(p.cpu)}; wall ${seconds(c.wall)} vs ${seconds(p.wall)} (${(c.wall / p.wall).toFixed(2)}×)`
          : `wall ${seconds(c.wall)} vs ${seconds(p.wall)}`,
        byCpu ? c.cpu / p.cpu : c.wall / p.wall,
        1.3,
        `${inputs.length} inputs (${scored} scored), ${tokens} tokens, 6×12 heads, 768 wide; ${ROUNDS} round(s)`,
      ),
    );
  }
  rmSync(out, { recursive: true, force: true });
  return rows;
}

async function numericsRow(): Promise<BenchRow> {
  const inputs = suiteInputs('sep', { bundled: loadBundledTexts(), limit: 6 });
  const engines = await Promise.all(
    (['native', 'wasm'] as const).map(async (runtime) => {
      const engine = await createCliEngine(runtime, 1);
      await engine.load(await readerFor(MODEL), { backend: 'wasm', dtype: 'fp32' });
      return engine;
    }),
  );
  let max = 0;
  for (const input of inputs) {
    const [a, b] = await Promise.all(engines.map((e) => e.run(input)));
    for (let i = 0; i < a!.attention.length; i++) max = Math.max(max, Math.abs(a!.attention[i]! - b!.attention[i]!));
  }
  await Promise.all(engines.map((e) => e.dispose()));
  return row(
    'native vs WASM attention, max |diff|',
    max.toExponential(2),
    max / 1e-5,
    1,
    `${inputs.length} corpus inputs on the 6-layer model; limit 1e-5`,
  );
}

async function startupRows(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const commands: [string, string, string[]][] = [
    ['CLI start-up, npx bertology', 'npx', ['bertology']],
    ['CLI start-up, node scripts/bertology.js', process.execPath, ['scripts/bertology.js']],
  ];
  for (const [name, command, args] of commands) {
    const walls: number[] = [];
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      await exec(command, args, { cwd: ROOT }).catch((e: { code?: number }) => {
        if (e.code !== 2) throw e; // the usage exits with 2
      });
      if (i > 0) walls.push((performance.now() - start) / 1000); // the first run warms the file cache
    }
    const m = median(walls);
    rows.push(
      row(name, `${seconds(m)} (median of ${walls.length})`, m / 0.5, 1, 'usage with no arguments; limit 0.5 s'),
    );
  }
  return rows;
}

export async function cliRows(): Promise<BenchRow[]> {
  await prepare();
  return [...(await probeRows()), await numericsRow(), ...(await startupRows())];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatRows(await cliRows()));
}
