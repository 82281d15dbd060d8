/**
 * npm run bench: every benchmark in one run, printed as ONE table (bench/table.ts) and written to
 * bench/results.md, which `npm run bench:readme` splices into the README's performance section.
 * A benchmark, not a test: it reports each row against its target and never fails on them.
 *
 *   BENCH_ONLY=node|browser  run only one half; BENCH_PORT (default 4271) for the preview server.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { BenchRow } from './benchRow';
import { browserRows } from './browser';
import { corpusRows } from './corpus';
import { memoryRows } from './memory';
import { rolloutRows, measureRollout } from './rollout';
import { instrumentationRows } from './run';
import { benchTable, notMeasured } from './table';

type RowSource = () => Promise<BenchRow[]>;

/**
 * The CLI rows come from bench/cli.ts (`cliRows()`, the native-runtime branch). HOOK: until that
 * file is merged in, its rows say so; nothing else needs wiring.
 */
async function cliRows(): Promise<BenchRow[]> {
  const path = './cli.ts';
  let module: { cliRows?: () => Promise<BenchRow[]> };
  try {
    module = (await import(/* @vite-ignore */ path)) as typeof module;
  } catch {
    return [
      notMeasured('CLI probe vs plain native runtime (bench/cli.ts)', 1.3, 'bench/cli.ts is not on this branch yet'),
    ];
  }
  return module.cliRows ? module.cliRows() : [];
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const started = new Date();
  const load = loadavg()[0]!;
  const sources: [string, RowSource][] = [];
  if (only !== 'browser') {
    sources.push(
      ['instrumentation', () => instrumentationRows()],
      ['rollout', async () => rolloutRows(await measureRollout())],
      ['memory', async () => memoryRows()],
      ['cli', cliRows],
    );
  }
  if (only !== 'node') {
    sources.push(['browser', () => browserRows()]);
    sources.push(['corpus', () => corpusRows()]);
  }
  // With BENCH_ONLY, the other half's rows are kept from the last run (bench/results.json).
  const saved = new URL('./results.json', import.meta.url);
  const bySource: Record<string, BenchRow[]> =
    only && existsSync(saved) ? (JSON.parse(readFileSync(saved, 'utf8')) as Record<string, BenchRow[]>) : {};
  for (const [name, source] of sources) {
    console.log(`\n== ${name}`);
    try {
      bySource[name] = await source();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`${name} failed: ${message}`);
      bySource[name] = [notMeasured(name, NaN, `failed: ${message.split('\n')[0]!.slice(0, 160)}`)];
    }
  }
  writeFileSync(saved, JSON.stringify(bySource, null, 1));
  const order = ['instrumentation', 'rollout', 'memory', 'cli', 'browser', 'corpus'];
  const rows = order.flatMap((name) => bySource[name] ?? []);
  const table = benchTable(rows);
  const header =
    `Measured by \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ` +
    `${cpus().length} cores, load average ${load.toFixed(1)} at the start (${loadavg()[0]!.toFixed(1)} at the end). ` +
    'Ratios at or under their target pass.';
  console.log(`\n${header}\n\n${table}\n`);
  writeFileSync(new URL('./results.md', import.meta.url), `${header}\n\n${table}\n`);
}

await main();
