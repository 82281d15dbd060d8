/**
 * The claims lab on the demo model (WASM): each lab's charts, SVG export parsed by the browser,
 * progress and Cancel, the pronoun → antecedent ranking, and agreement with `bertology probe`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from './fixtures';
import type { ProbeReport } from '../src/lib/probes/runSuite';
import { maxAbsDiff, openDemo, showSection } from './app';
import { decodePng } from '../scripts/pngDecode';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'claims-e2e-'));
const DEMO = 'Demo model (random weights)';

/** A text file for a file input, one line per string. */
const file = (name: string, lines: string[]) => ({
  name,
  mimeType: 'text/plain',
  buffer: Buffer.from(lines.join('\n')),
});

/** `bertology probe` on the demo model folder; resolves to its JSON report. */
async function cliProbe(suite: string, data?: string): Promise<ProbeReport> {
  const out = join(scratch, `${suite}-${Date.now()}.json`);
  // --runtime wasm: the app's numerics, so that argmax-based scores agree exactly.
  const args = [
    'scripts/bertology.js',
    'probe',
    '--model',
    'static/models/demo',
    '--suite',
    suite,
    '--runtime',
    'wasm',
    '--out',
    out,
  ];
  await run('node', [...args, ...(data ? ['--data', data] : [])], { cwd: repo, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(readFileSync(out, 'utf8')) as ProbeReport;
}

async function openLab(page: Page, tab: string): Promise<Locator> {
  await openDemo(page);
  await showSection(page, 'Claims lab');
  const lab = page.getByTestId('claims-lab');
  await lab.getByRole('tab', { name: tab }).click();
  return lab;
}

/** Downloads a chart's SVG and parses it with the browser's DOMParser. */
async function exportedSvg(page: Page, figure: Locator) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    figure.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bertology-claims-[a-z0-9-]+\.svg$/);
  const xml = readFileSync(await download.path(), 'utf8');
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      parserError: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.nodeName,
      title: doc.querySelector('svg > title')?.textContent ?? '',
      scripts: doc.getElementsByTagName('script').length,
      external: /href=|url\(/.test(text),
      marks: doc.querySelectorAll('rect, path, circle').length,
    };
  }, xml);
}

async function expectGoodSvg(page: Page, figure: Locator, ...inTitle: string[]) {
  const svg = await exportedSvg(page, figure);
  expect(svg).toMatchObject({ parserError: 0, root: 'svg', scripts: 0, external: false });
  for (const text of [...inTitle, DEMO]) expect(svg.title).toContain(text);
  expect(svg.marks).toBeGreaterThan(5);
}

async function downloadReport(page: Page, runner: Locator): Promise<ProbeReport> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    runner.getByRole('button', { name: 'Download report JSON' }).click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), 'utf8')) as ProbeReport;
}

test('head statistics: map and curve of the sentence, hover names the head, each exports as SVG', async ({ page }) => {
  const lab = await openLab(page, 'Head statistics');
  const grid = lab.getByTestId('stats-grid');
  await expect(grid.locator('rect[data-tip]')).toHaveCount(16); // 4 layers × 4 heads
  await grid.locator('rect[data-tip]').nth(6).hover();
  await expect(lab.getByTestId('stats-grid-readout')).toHaveText(/^head 2-3: \d+\.\d%$/);
  await lab.getByLabel('Statistic', { exact: true }).selectOption({ label: 'attention to the previous token' });
  await expect(grid.locator('figcaption')).toContainText('Mean attention to the previous token per head');
  const curve = lab.getByTestId('stats-curve');
  await expect(curve.locator('circle[data-tip]')).toHaveCount(16); // 4 series × 4 layers
  await expectGoodSvg(page, grid, 'Mean attention to the previous token per head', '“The cat sat on the mat');
  await expectGoodSvg(page, curve, 'per layer');
  // The PNG is the same file rasterised at twice its size: the map's cells in many colours.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    grid.getByRole('button', { name: 'Export PNG' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^bertology-claims-[a-z0-9-]+\.png$/);
  const png = decodePng(readFileSync(await download.path()));
  const svgWidth = await grid
    .locator('svg')
    .first()
    .evaluate((el) => (el as unknown as SVGSVGElement).viewBox.baseVal.width);
  expect(png.width).toBe(Math.ceil(svgWidth * 2));
  const colours = new Set<number>();
  for (let k = 0; k < png.rgba.length; k += 4)
    colours.add((png.rgba[k]! << 16) | (png.rgba[k + 1]! << 8) | png.rgba[k + 2]!);
  expect(colours.size).toBeGreaterThan(16);
});

test('a corpus run shows progress and stops on Cancel; a full run agrees with `bertology probe`', async ({ page }) => {
  const small = join(scratch, 'small.txt');
  writeFileSync(
    small,
    ['# a few inputs', 'The dog barked.', 'A bird sang ||| It flew away.', 'Rain fell all day.'].join('\n'),
  );
  const cli = cliProbe('sep', small);
  const lab = await openLab(page, 'Head statistics');
  await lab.getByLabel('a corpus').check();
  const runner = lab.getByTestId('probe-sep');
  const long = Array.from(
    { length: 1500 },
    (_, i) => `Sentence number ${i} is here, and it is long enough to take a moment.`,
  );
  await runner.getByLabel(/Load a file/).setInputFiles(file('long.txt', long));
  await expect(runner.getByTestId('probe-sep-dataset')).toHaveText('Data: long.txt (1500 inputs)');
  await runner.getByRole('button', { name: 'Run on 1500 inputs' }).click();
  const bar = runner.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await runner.getByRole('button', { name: 'Cancel' }).click();
  await expect(runner.getByTestId('probe-sep-note')).toHaveText(
    /^Cancelled after \d+ of 1500 items; nothing was kept\.$/,
  );
  await expect(bar).toBeHidden();

  await runner.getByLabel(/Load a file/).setInputFiles(small);
  await runner.getByRole('button', { name: 'Run on 3 inputs' }).click();
  await expect(runner.getByTestId('probe-sep-done')).toContainText('Measured on small.txt: 3 of 3 inputs scored');
  await expect(lab.getByTestId('stats-grid').locator('figcaption')).toContainText('small.txt: 3 inputs (1 pairs)');
  const app = await downloadReport(page, runner);
  const fromCli = await cli;
  expect(app.suite).toBe('sep');
  if (app.suite !== 'sep' || fromCli.suite !== 'sep') throw new Error('not a sep report');
  expect(app.result.tokens).toBe(fromCli.result.tokens);
  for (const stat of ['sep', 'cls', 'punct', 'self', 'prev', 'next', 'entropy'] as const) {
    expect(maxAbsDiff(app.result.perHead[stat], fromCli.result.perHead[stat])).toBeLessThanOrEqual(1e-5);
  }
});

test('coreference: two clicks rank the heads; the probe set agrees with `bertology probe`', async ({ page }) => {
  const cli = cliProbe('coref');
  const lab = await openLab(page, 'Coreference');
  const chips = lab.getByTestId('word-chips');
  await chips.getByRole('button', { name: 'it', exact: true }).click();
  await expect(lab.getByText('Now click the antecedent of “it”.')).toBeVisible();
  await chips.getByRole('button', { name: 'cat', exact: true }).click();
  const ranking = lab.getByTestId('pair-ranking');
  await expect(ranking.getByTestId('pair-head')).toHaveCount(10);
  await expect(ranking.getByTestId('pair-head').first()).toHaveText(/^head \d-\d: \d+\.\d%$/);
  await expect(ranking).toContainText(
    'head 5-4, the coreference head of Clark et al. 2019 (sec. 4.3), is not in this model',
  );
  await expectGoodSvg(page, ranking.getByTestId('pair-grid'), 'Attention from “it” to “cat”');

  const runner = lab.getByTestId('probe-coref');
  await runner.getByRole('button', { name: 'Run on 89 items' }).click();
  await expect(runner.getByTestId('probe-coref-done')).toContainText('89 of 89 items scored', { timeout: 60_000 });
  const results = lab.getByTestId('coref-results');
  await expect(results.getByTestId('coref-best')).toHaveCount(10);
  await expect(results).toContainText('nearest candidate 37.1%');
  await expectGoodSvg(page, results.getByTestId('coref-grid'), 'Coreference accuracy per head', 'bundled coref.json');
  await expectGoodSvg(page, results.getByTestId('coref-kinds'), 'by kind of item');
  const app = await downloadReport(page, runner);
  const fromCli = await cli;
  if (app.suite !== 'coref' || fromCli.suite !== 'coref') throw new Error('not a coref report');
  expect(app.result.items).toBe(89);
  expect(maxAbsDiff(app.result.accuracy, fromCli.result.accuracy)).toBeLessThanOrEqual(1e-6);
  expect(app.result.baselines).toEqual(fromCli.result.baselines);
  expect(app.result.byKind).toEqual(fromCli.result.byKind);
  // What the page shows is the report's best head.
  await expect(results.getByTestId('coref-best').first()).toHaveText(
    `${fromCli.result.best[0]!.name}: ${(fromCli.result.best[0]!.value * 100).toFixed(1)}%`,
  );
});

test('syntax: relation table, curve by layer and arcs over a sentence; agrees with `bertology probe`', async ({
  page,
}) => {
  const cli = cliProbe('deps');
  const lab = await openLab(page, 'Syntax');
  const arcs = lab.getByTestId('dep-arcs');
  await expect(arcs.locator('path[data-tip]').first()).toBeVisible();
  await expect(lab.getByTestId('dep-matrix').locator('rect[data-tip]').first()).toBeVisible();
  const runner = lab.getByTestId('probe-deps');
  await runner.getByRole('button', { name: 'Run on 126 sentences' }).click();
  await expect(runner.getByTestId('probe-deps-done')).toContainText('126 of 126 sentences scored', { timeout: 60_000 });
  const rows = lab.getByTestId('relation-row');
  await expect(rows.first()).toBeVisible();
  await expect(lab.getByTestId('syntax-curve').locator('circle[data-tip]')).toHaveCount(4);
  // A peak is declared only when a bootstrap over the sentences says it stands out of the noise.
  await expect(lab.getByTestId('syntax-peak')).toHaveText(
    /^Dependency accuracy (peaks in layer \d of 4; yes: layer \d is on top in \d+% of 400 resamples|is highest in layer \d of 4, but that is\s+within noise: no: layers [\d, ]+and \d each come out on top in at least 5% of 400 resamples) \(bootstrap over the sentences\)\.$/,
  );

  const det = lab.locator('[data-testid="relation-row"][data-relation="det"]');
  await expect(det).toContainText('head 8-11: 94.3% (offset 51.7%)'); // Clark et al.'s Table 1 beside ours
  await det.getByRole('button', { name: 'Show' }).click();
  const best = (await det.locator('td').nth(1).innerText()).trim();
  await expect(lab.getByTestId('arcs-linked')).toContainText(`${best}:`);
  await expectGoodSvg(page, lab.getByTestId('syntax-curve'), 'Dependency accuracy by layer', 'bundled deps.conllu');
  await expectGoodSvg(page, lab.getByTestId('syntax-bars'), 'per relation');
  await expectGoodSvg(page, arcs, `Dependency arcs and ${best}`);
  await expectGoodSvg(page, lab.getByTestId('dep-matrix'), 'word-level attention');

  const app = await downloadReport(page, runner);
  const fromCli = await cli;
  if (app.suite !== 'deps' || fromCli.suite !== 'deps') throw new Error('not a deps report');
  expect(app.result.relations.map((r) => r.relation)).toEqual(fromCli.result.relations.map((r) => r.relation));
  app.result.relations.forEach((r, i) => {
    const c = fromCli.result.relations[i]!;
    expect(maxAbsDiff(r.dependentToHead, c.dependentToHead)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(r.headToDependent, c.headToDependent)).toBeLessThanOrEqual(1e-6);
    expect(r.baseline).toEqual(c.baseline);
  });
  expect(app.result.peakLayer).toBe(fromCli.result.peakLayer);
  // The table shows the report's numbers.
  const first = fromCli.result.relations[0]!;
  await expect(rows.first().locator('td').nth(1)).toHaveText(first.best.name);
  await expect(rows.first().locator('td').nth(3)).toHaveText(`${(first.best.accuracy * 100).toFixed(1)}%`);
});

test('claims page: the paper beside the demo model, said plainly to be random and too small', async ({ page }) => {
  const lab = await openLab(page, 'Claims');
  await expect(lab.getByTestId('claim-card')).toHaveCount(6);
  // Random weights are said once for the whole lab, not on each card.
  await expect(lab.getByText(/random-weight demo model/)).toHaveCount(1);
  await expect(lab.getByTestId('lab-notice')).toContainText('random-weight demo model');
  const sep = lab.locator('[data-claim="sep-middle"]');
  await expect(sep.getByRole('note')).toHaveCount(1);
  await expect(sep.getByRole('note').first()).toContainText(
    'This model has 4 layers × 4 heads: the claim is about layers 6-10',
  );
  await sep.getByRole('button', { name: 'Run the experiment' }).click();
  await expect(sep.getByTestId('claim-verdict')).toHaveText(
    /^Cannot be checked as stated: this model has 4 layers\. Its layer with most attention to \[SEP\] is layer \d\.$/,
    { timeout: 60_000 },
  );
  await expect(sep.getByRole('row', { name: /layer 6/ })).toContainText('over 50%');
  await expect(sep.getByRole('row', { name: /layer 6/ })).toContainText('no layer 6');
  // The same corpus report fills the card about neighbour and broad heads.
  await expect(lab.locator('[data-claim="broad-neighbours"]').getByTestId('claim-table')).toContainText(
    '4 (layers 2, 4, 7, 8)',
  );

  const alike = lab.locator('[data-claim="layers-alike"]');
  await alike.getByRole('button', { name: 'Run the experiment' }).click();
  await expect(alike.getByTestId('claim-verdict')).toHaveText(
    /^On this sentence, heads of the same layer are (not )?more alike/,
  );
  await expect(alike.getByRole('row', { name: /same layer/ })).toContainText(/\d\.\d{3} bits/);
});

test('loading a model again stops a running probe and clears the old reports', async ({ page }) => {
  const lab = await openLab(page, 'Head statistics');
  await lab.getByLabel('a corpus').check();
  const runner = lab.getByTestId('probe-sep');
  await runner.getByLabel(/Load a file/).setInputFiles(file('two.txt', ['The dog barked.', 'It ran away.']));
  await runner.getByRole('button', { name: 'Run on 2 inputs' }).click();
  await expect(runner.getByTestId('probe-sep-done')).toBeVisible();
  await expect(lab.getByTestId('stats-grid')).toBeVisible();
  const long = Array.from({ length: 1500 }, (_, i) => `Sentence ${i} keeps the engine busy for a while.`);
  await runner.getByLabel(/Load a file/).setInputFiles(file('long.txt', long));
  await runner.getByRole('button', { name: 'Run on 1500 inputs' }).click();
  await expect(runner.getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Offline model', exact: true }).click();
  await expect(runner.getByTestId('probe-sep-note')).toHaveText('Stopped: a new model is loading.');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(runner.getByRole('progressbar')).toBeHidden();
  await expect(lab.getByTestId('stats-grid')).toHaveCount(0); // the old model's corpus report is gone
  await expect(runner.getByTestId('probe-sep-done')).toHaveCount(0);
});
