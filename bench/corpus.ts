/**
 * The browser corpus rows of `npm run bench` (issue 11): the Claims lab's corpus run against plain
 * inference on the same WASM runtime, in Chromium. Runnable alone: `npx tsx bench/corpus.ts`.
 *
 *  - lab: a fresh page of the app (`?benchCorpus=1`, src/lib/state/corpusBench.ts) loads the
 *    6-layer 12-head 768-wide random BERT (`make-fixtures six`, the CLI rows' model) through
 *    LensState.load and runs one suite (sep, deps, coref over the bundled datasets) through the
 *    lab's ProbeJob → LensState.runOnce → engine worker, statistics on the main thread: timed from
 *    starting the load to the report.
 *  - plain: a fresh page starts a worker (workers/plainBench.worker.ts) with a plain onnxruntime-web
 *    session of the unmodified model file, on the engine's runtime build and thread count, running
 *    the same token ids one at a time: timed from creating the worker (runtime compile, model fetch,
 *    session creation) to the last run. Tokenisation is done beforehand in Node (bench/plainNative.ts,
 *    the CLI rows' tokenizer) and not counted; the lab's own token count is checked against it.
 *
 * The two alternate, `BENCH_CORPUS_ROUNDS` times per suite (default 1), in this one run. The ratio
 * is of CPU seconds (user + system, every thread) of Chromium's processes over each side's span (the
 * preview server, which serves both sides the same files, is left out), as the CLI rows use CPU seconds: this machine is shared, and wall time mostly
 * measures the queue for a core. Wall times are shown too (medians when more rounds). `BENCH_CORPUS_SUITES=coref` runs fewer suites. Builds the app into a temporary folder, links the
 * model into its models/ folder and serves it with `vite preview` on BENCH_PORT (default 4271).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { formatRows, row, type BenchRow } from './benchRow';
import { buildApp, startPreview, waitForServer } from './preview';
import { tokenizeInputs, type TokenizedInput } from './plainNative';
import { median } from './stats';
import { loadBundledTexts } from '../src/lib/probes/bundledNode';
import { suiteInputs, type ProbeSuite } from '../src/lib/probes/runSuite';
import type { LabTiming, PlainTiming } from '../src/lib/state/corpusBench';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = 'fixtures/bert-six-random';
const SERVED = 'six';
const SUITES = (process.env.BENCH_CORPUS_SUITES ?? 'sep,deps,coref').split(',') as ProbeSuite[];
const ROUNDS = Number(process.env.BENCH_CORPUS_ROUNDS ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 4271);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const exec = promisify(execFile);

type Plain = PlainTiming & { wallMs: number; crossOriginIsolated: boolean };

/** What every side adds: CPU seconds of the process tree, and of that the page's main thread. */
interface Measured {
  cpuS: number;
  mainThreadS: number;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** Processes whose CPU time is not counted, with everything below them (the preview server). */
const notCounted = new Set<number>();

/**
 * CPU seconds (user + system, every thread) of each process below this one but outside
 * `notCounted`: Chromium's browser, renderer, GPU and utility processes. Linux only; empty elsewhere.
 */
function treeCpu(): Map<number, number> {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return cpu;
  }
  for (const name of pids) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // gone meanwhile
    }
  }
  const below = (pid: number): boolean => {
    if (notCounted.has(pid)) return false;
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (notCounted.has(p)) return false;
      if (p === process.pid) return true;
    }
    return false;
  };
  for (const pid of [...cpu.keys()]) if (!below(pid)) cpu.delete(pid);
  return cpu;
}

/** CPU seconds the tree spent between two snapshots (a process that began meanwhile counts from 0). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}

/** Until nothing answers on the port (bench/browser.ts's server, stopped just before, may still be exiting). */
async function waitForFreePort(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      await fetch(url);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`something still answers on ${url}`);
}

/** One measurement in a fresh page, so that neither side inherits the other's runtime or memory. */
async function inPage<T>(
  browser: Browser,
  work: (page: import('playwright-core').Page) => Promise<T>,
): Promise<T & Measured> {
  const page = await browser.newPage();
  try {
    await page.goto(`${BASE}/?benchCorpus=1`);
    await page.waitForFunction(() => !!window.__bertologyCorpusBench, undefined, { timeout: 60_000 });
    await page.waitForTimeout(500); // the page settles before the clock starts
    // Sampled while the page is open: a renderer that exits takes its CPU time with it.
    // The page's main-thread busy time (DevTools' TaskDuration): where the lab's statistics run.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const busy0 = await busy();
    const before = treeCpu();
    const result = await work(page);
    const mainThreadS = (await busy()) - busy0;
    return { ...result, cpuS: cpuBetween(before, treeCpu()), mainThreadS };
  } finally {
    await page.close();
  }
}

const lab = (browser: Browser, suite: ProbeSuite): Promise<LabTiming & Measured> =>
  inPage(browser, (page) =>
    page.evaluate(([base, s]) => window.__bertologyCorpusBench!.lab(base, 'bert-six-random', s), [
      `${BASE}/models/${SERVED}`,
      suite,
    ] as const),
  );

const plain = (browser: Browser, inputs: TokenizedInput[]): Promise<Plain & Measured> =>
  inPage(browser, (page) =>
    page.evaluate(([url, ins]) => window.__bertologyCorpusBench!.plain(url, ins), [
      `${BASE}/models/${SERVED}/onnx/model.onnx`,
      inputs,
    ] as const),
  );

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sec = (seconds: number) => `${seconds.toFixed(2)} s`;

export async function corpusRows(log: (line: string) => void = console.log): Promise<BenchRow[]> {
  await exec(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/make-fixtures.ts', 'six'], { cwd: ROOT });
  const out = buildApp('corpus', ROOT);
  // A link, not a copy: the model is 360 MB. vite preview serves it like any static file.
  mkdirSync(join(out, 'models'), { recursive: true });
  if (!existsSync(join(out, 'models', SERVED))) symlinkSync(join(ROOT, MODEL), join(out, 'models', SERVED), 'dir');
  await waitForFreePort(BASE, 15_000);
  const server = startPreview(out, PORT, ROOT);
  if (server.pid) notCounted.add(server.pid);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const rows: BenchRow[] = [];
  try {
    await waitForServer(BASE, 60_000);
    log(`chromium ${browser.version()}`);
    const bundled = loadBundledTexts();
    for (const suite of SUITES) {
      const inputs = await tokenizeInputs(join(ROOT, MODEL), suiteInputs(suite, { bundled }));
      const tokens = inputs.reduce((n, t) => n + t.ids.length, 0);
      const labs: (LabTiming & Measured)[] = [];
      const plains: (Plain & Measured)[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        // Alternate which goes first, so that drift in the machine's load hits both alike.
        const runLab = async () => {
          const t = await lab(browser, suite);
          labs.push(t);
          const parts = Object.entries(t.loadParts).map(([k, v]) => `${k} ${s(v)}`);
          log(
            `${suite} lab: CPU ${sec(t.cpuS)} (main thread ${sec(t.mainThreadS)}); wall load ${s(t.loadMs)} + suite ${s(t.runMs)} = ${s(t.totalMs)} (${t.tokens} tokens; in the engine ${s(t.engineMs)}, round trips ${s(t.roundTripMs)}; load: ${parts.join(', ')})`,
          );
        };
        const runPlain = async () => {
          const t = await plain(browser, inputs);
          plains.push(t);
          log(
            `${suite} plain: CPU ${sec(t.cpuS)} (main thread ${sec(t.mainThreadS)}); wall ${s(t.wallMs)} (runtime ${s(t.runtimeMs)}, fetch ${s(t.fetchMs)}, session ${s(t.sessionMs)}, runs ${s(t.runsMs)}; ${t.threads} threads; outputs ${t.outputs.join(', ')})`,
          );
        };
        if (r % 2) await runLab().then(runPlain);
        else await runPlain().then(runLab);
      }
      const wall = { lab: median(labs.map((t) => t.totalMs)), plain: median(plains.map((t) => t.wallMs)) };
      const cpu = { lab: median(labs.map((t) => t.cpuS)), plain: median(plains.map((t) => t.cpuS)) };
      const byCpu = cpu.lab > 0 && cpu.plain > 0;
      const first = labs[0]!;
      const threads = plains[0]!.threads;
      const sameThreads = first.backend.includes(`${threads} thread`);
      const sameTokens = first.tokens === tokens;
      const wallText = `wall ${s(wall.lab)} vs ${s(wall.plain)} (${(wall.lab / wall.plain).toFixed(2)}×; lab load ${s(median(labs.map((t) => t.loadMs)))} + suite ${s(median(labs.map((t) => t.runMs)))}, plain runs ${s(median(plains.map((t) => t.runsMs)))})`;
      rows.push(
        row(
          `browser corpus run ${suite} vs plain WASM (Claims lab, Chromium, ${threads} threads)`,
          byCpu ? `CPU ${sec(cpu.lab)} vs ${sec(cpu.plain)}; ${wallText}` : wallText,
          byCpu ? cpu.lab / cpu.plain : wall.lab / wall.plain,
          1.3,
          `${first.items} inputs (${first.scored} scored), ${tokens} tokens${sameTokens ? '' : ` (lab: ${first.tokens})`}, 6×12 heads, 768 wide; lab main thread busy ${sec(median(labs.map((t) => t.mainThreadS)))}; ${threads} WASM threads${sameThreads ? '' : ` (lab: ${first.backend})`}; ${ROUNDS} round(s)`,
        ),
      );
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatRows(await corpusRows()));
}
