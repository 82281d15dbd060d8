/**
 * `npm run screenshots`: builds the app, serves it with `vite preview` on its own port, and writes
 * a screenshot of each section, light and dark, to docs/screenshots/*.png for the README. Debian's
 * Chromium (CHROMIUM_PATH or /usr/bin/chromium) through playwright-core; never a downloaded browser.
 *
 *   npm run screenshots                 # build, serve on SCREENSHOT_PORT (4227), shoot
 *   npm run screenshots -- --no-build   # reuse dist/ (when iterating on a design)
 *   npm run screenshots -- --only=claims
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { shrinkPng } from './shrinkPng';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = join(repo, 'docs', 'screenshots');
const port = Number(process.env.SCREENSHOT_PORT ?? 4227);
const base = `http://127.0.0.1:${port}`;
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
/** The offline model the screenshots use: the trained mini model that ships with the app. */
const MODEL = process.env.SCREENSHOT_MODEL ?? 'mini';
const MAX_BYTES = 300 * 1024;

/** One section's picture: how to open it from the page as it is (the model stays loaded). */
interface Shot {
  name: string;
  open: (page: Page) => Promise<void>;
}

const TEXT = 'The cat sat on the mat because it was tired.';
const MASKED = 'The keys to the cabinet [MASK] on the table.';

/**
 * Types the sentence (when it is not already there) and waits for its run. The attention views hold
 * the run's state (aria-busy) and stay mounted, hidden, while another section is shown: wait for the
 * state, not for them to be visible. Typing marks them busy at once, so an old run's state never passes.
 */
async function sentence(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Sentence A');
  if ((await box.inputValue()) !== text) await box.fill(text);
  await page
    .getByTestId('results')
    .and(page.locator('[aria-busy="false"]'))
    .waitFor({ state: 'attached', timeout: 600_000 });
}
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();

const SHOTS: Shot[] = [
  { name: 'start', open: (page) => page.getByRole('link', { name: 'BERTology Lens' }).click() },
  {
    name: 'attention',
    open: async (page) => {
      await nav(page, 'Attention');
      await sentence(page, TEXT);
    },
  },
  {
    name: 'mlm',
    open: async (page) => {
      await nav(page, 'Masked-LM lab');
      await sentence(page, MASKED);
      await page.getByTestId('pinned-row').first().waitFor({ timeout: 600_000 });
    },
  },
  {
    name: 'claims',
    open: async (page) => {
      await nav(page, 'Claims lab');
      await claim(page);
    },
  },
];

/** Loads the offline model once and prepares every section as a person would. */
async function prepare(page: Page): Promise<void> {
  const query = new URLSearchParams({
    section: 'attention',
    model: MODEL,
    backend: 'wasm',
    text: MASKED,
    // Layer 2, heads 1 and 2: mini's previous-token head 2-1 and next-token head 2-2, the two
    // diagonals training put there (SCREENSHOT_LAYER / SCREENSHOT_HEADS for another model).
    layer: process.env.SCREENSHOT_LAYER ?? '2',
    heads: process.env.SCREENSHOT_HEADS ?? '1,2',
  });
  await page.goto(`${base}/?${query}`);
  const status = page.getByTestId('model-status');
  await status.and(page.locator('[data-status="ready"], [data-status="error"]')).waitFor({ timeout: 600_000 });
  if ((await status.getAttribute('data-status')) !== 'ready')
    throw new Error(`The model “${MODEL}” did not load: ${(await status.innerText()).trim()}`);
  await sentence(page, MASKED);
  await page.getByRole('tab', { name: 'Head view' }).click();
  await nav(page, 'Masked-LM lab');
  await page.getByLabel('Pinned words (comma-separated)').fill('is, are');
  await page.getByRole('button', { name: 'Pin', exact: true }).click();
  await page.getByTestId('pinned-row').first().waitFor({ timeout: 600_000 });
  await nav(page, 'Claims lab');
  await claim(page);
}

/**
 * The [SEP] claim's verdict. A new run (the other shots change the sentence) clears the lab's
 * reports, so the experiment is run again whenever its verdict is gone.
 */
async function claim(page: Page): Promise<void> {
  const card = page.locator('[data-claim="sep-middle"]');
  const verdict = card.getByTestId('claim-verdict');
  await page.getByTestId('results').and(page.locator('[aria-busy="false"]')).waitFor({ state: 'attached' });
  if ((await verdict.count()) === 0) await card.getByRole('button', { name: 'Run the experiment' }).click();
  await verdict.waitFor({ timeout: 600_000 });
}

function run(command: string, argv: string[]): void {
  const done = spawnSync(command, argv, { cwd: repo, stdio: 'inherit' });
  if (done.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed`);
}

async function serve(): Promise<ChildProcess> {
  const taken = await fetch(base).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`Port ${port} is in use: set SCREENSHOT_PORT to a free port.`);
  // vite's own entry, run by this node (not through npx), so killing it stops the server.
  const vite = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  const server = spawn(
    process.execPath,
    [vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: repo,
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`vite preview did not start on port ${port}`);
}

async function main(): Promise<void> {
  if (!args.includes('--no-build')) run('npx', ['vite', 'build', '--logLevel', 'warn']);
  mkdirSync(out, { recursive: true });
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await prepare(page);
    for (const theme of ['light', 'dark'] as const) {
      await page.getByLabel('Theme').selectOption(theme);
      for (const shot of SHOTS.filter((s) => !only || s.name === only)) {
        await shot.open(page);
        await page.mouse.move(0, 0);
        await page.waitForTimeout(400);
        const file = join(out, `${shot.name}-${theme}.png`);
        // A 256-colour palette keeps each file a third of Chromium's size (the head view's many lines).
        writeFileSync(file, shrinkPng(await page.screenshot()));
        const size = statSync(file).size;
        console.log(`${file} ${(size / 1024).toFixed(0)} KB`);
        if (size > MAX_BYTES) console.warn(`  larger than ${MAX_BYTES / 1024} KB`);
      }
    }
    await context.close();
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
