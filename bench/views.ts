/**
 * npm run bench (views) — how fast the attention views draw, in Chromium, on a bert-base-shaped
 * result (12 layers × 12 heads) synthesised in the page (`?bench=N`: no model runs):
 *
 *   1. model view, 128 tokens: time from the result arriving to the maps being on the canvas and a
 *      frame having passed (target < 200 ms);
 *   2. head view, 512 tokens: the longest main-thread task (PerformanceObserver 'longtask', which
 *      reports tasks over 50 ms) while the pointer hovers tokens in both columns and between them
 *      (target: none over 100 ms).
 *
 * Builds the app into a temporary folder and serves it with `vite preview` on its own port, so it
 * never touches dist/ or a running server. A benchmark, not a test: it prints figures and never fails on them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const PORT = Number(process.env.BENCH_PORT ?? 4199);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer on ${url}`);
}

async function modelViewPaint(page: Page, seq: number): Promise<number[]> {
  await page.goto(`${BASE}/?bench=${seq}&view=model`);
  await page.locator('figure.model').waitFor({ timeout: 60_000 });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 2; i++) {
    const ms = await page.evaluate((n) => window.__bertologyBench!.modelViewPaint(n), seq);
    if (i >= 2) times.push(ms); // two warm-up rounds (JIT, canvas allocation)
  }
  return times;
}

async function headViewHover(page: Page, seq: number): Promise<{ longest: number; tasks: number; moves: number }> {
  await page.goto(`${BASE}/?bench=${seq}&view=head`);
  await page.locator('figure.head text.left-label').first().waitFor({ timeout: 60_000 });
  // The whole picture is drawn offscreen in slices; hovering starts once it is complete.
  await page.locator('[data-testid="head-lines"][data-complete="true"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  const panel = page.getByTestId('view-panel');
  let moves = 0;
  for (let pass = 0; pass < 3; pass++) {
    // Hover every visible token on the left, then on the right, crossing the lines in between.
    for (const side of ['left', 'right'] as const) {
      const labels = page.locator(`figure.head text.${side}-label`);
      const panelBox = (await panel.boundingBox())!;
      const boxes = await labels.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
        }),
      );
      for (const box of boxes) {
        if (box.y < panelBox.y + 5 || box.y > panelBox.y + panelBox.height - 5) continue;
        await page.mouse.move(box.x, box.y);
        moves++;
      }
    }
    await panel.evaluate((el, top) => el.scrollTo({ top }), (pass + 1) * 2000);
    await page.waitForTimeout(200);
  }
  await page.mouse.move(5, 5);
  await page.waitForTimeout(500);
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  return { longest: tasks.length ? Math.max(...tasks) : 0, tasks: tasks.length, moves };
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'bertology-bench-views-'));
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed');
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', out, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    await waitForServer(BASE, 60_000);
    // Timings move with whatever else the machine runs: say how busy it was.
    console.log(`chromium ${browser.version()}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const paint = await modelViewPaint(page, 128);
    console.log(
      `model view, 12×12 heads, 128 tokens: paint after the result arrives median ${median(paint).toFixed(1)} ms, max ${Math.max(...paint).toFixed(1)} ms over ${paint.length} runs (target < 200 ms)`,
    );
    const paint512 = await modelViewPaint(page, 512);
    console.log(
      `model view, 12×12 heads, 512 tokens (for reference): median ${median(paint512).toFixed(1)} ms over ${paint512.length} runs`,
    );
    const hover = await headViewHover(page, 512);
    console.log(
      `head view, 12 heads, 512 tokens: ${hover.moves} pointer moves over tokens; longest main-thread task ${
        hover.tasks ? `${hover.longest.toFixed(1)} ms (${hover.tasks} tasks over 50 ms)` : 'under 50 ms (no long task)'
      } (target: none over 100 ms)`,
    );
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
