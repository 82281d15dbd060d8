/**
 * The attention views as a person sees them: head, model and matrix views, switching heads and
 * layers, hover filtering, the address bar, keyboard, themes, and the exported files (which
 * `bertology render` must write byte for byte).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from './fixtures';
import { openDemo, rowLabels, typeSentence } from './app';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));

const TEXT = 'The keys to the cabinet are on the table.';
const TOKENS = ['[CLS]', 'the', 'keys', 'to', 'the', 'cabinet', 'are', 'on', 'the', 'table', '.', '[SEP]'];
const DEMO = 'Demo model (random weights)';
const HOSTILE = '<script>alert(1)</script> & "quotes"';

async function showView(page: Page, view: 'Head' | 'Model' | 'Matrix'): Promise<void> {
  await page.getByRole('tab', { name: `${view} view` }).click();
  await expect(page.getByTestId('view-panel')).toHaveAttribute('data-view', view.toLowerCase());
}

async function download(page: Page, button: 'Export SVG' | 'Export PNG'): Promise<Buffer> {
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync(await file.path());
}

interface ParsedSvg {
  error: string | null;
  root: string;
  title: string;
  texts: string[];
  scripts: number;
  foreign: number;
  styles: number;
  /** Every href and url(...) reference in the file. */
  references: string[];
}

/** Parses an SVG file with the browser's own XML parser. */
async function parseSvg(page: Page, svg: string): Promise<ParsedSvg> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
    const all = Array.from(doc.getElementsByTagName('*'));
    const references: string[] = [];
    for (const el of all) {
      for (const attr of Array.from(el.attributes)) {
        if (attr.localName === 'href') references.push(attr.value.slice(0, 30));
        const url = /url\(([^)]*)\)/.exec(attr.value);
        if (url) references.push(url[1]!);
      }
    }
    return {
      error,
      root: doc.documentElement.localName,
      title: doc.querySelector('svg > title')?.textContent ?? '',
      texts: Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? ''),
      scripts: doc.getElementsByTagName('script').length,
      foreign: doc.getElementsByTagName('foreignObject').length,
      styles: doc.getElementsByTagName('style').length + all.filter((el) => el.hasAttribute('style')).length,
      references,
    };
  }, svg);
}

/** Draws an SVG file through an <img> into a canvas, as a viewer would; resolves with its size. */
async function renderSvg(page: Page, svg: string): Promise<{ width: number; height: number; inked: number }> {
  return page.evaluate(async (source) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) inked++;
    URL.revokeObjectURL(url);
    return { width: image.naturalWidth, height: image.naturalHeight, inked };
  }, svg);
}

function expectSelfContained(parsed: ParsedSvg): void {
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.scripts).toBe(0);
  expect(parsed.foreign).toBe(0);
  expect(parsed.styles).toBe(0);
  for (const ref of parsed.references) expect(ref).toMatch(/^(#bl-|data:image\/png;base64,)/);
}

/** Rows of a canvas column (CSS px from the canvas top) that have any ink at CSS x. */
async function inkedRows(canvas: Locator, x: number): Promise<number[]> {
  return canvas.evaluate((el: HTMLCanvasElement, cssX) => {
    const scale = el.width / el.getBoundingClientRect().width;
    const data = el.getContext('2d')!.getImageData(Math.round(cssX * scale), 0, 1, el.height).data;
    const rows = new Set<number>();
    for (let y = 0; y < el.height; y++) if (data[y * 4 + 3]! > 0) rows.add(Math.floor(y / scale));
    return [...rows];
  }, x);
}

const drawnLines = async (page: Page) => Number(await page.getByTestId('head-lines').getAttribute('data-drawn-lines'));

test('each view shows the sentence: matrix and head view label its tokens, the model view every layer and head', async ({
  page,
}) => {
  await openDemo(page);
  await typeSentence(page, TEXT);
  await expect(rowLabels(page)).toHaveText(TOKENS);

  await showView(page, 'Head');
  await expect(page.locator('figure.head text.left-label')).toHaveText(TOKENS);
  await expect(page.locator('figure.head text.right-label')).toHaveText(TOKENS);
  await expect(page.locator('figure.head figcaption')).toContainText(`layer 1, all 4 heads · ${DEMO}`);
  // The line note, counted after the view is shown, replaces its placeholder: the exported file's note.
  const note = /line opacity and width follow the weight; (weights under 0\.01 are not drawn|of \d+ lines over 0\.01)/;
  await expect(page.locator('figure.head figcaption')).toContainText(note);
  await expect(page.locator('figure.head figcaption')).not.toContainText('counting the lines');
  expect((await download(page, 'Export SVG')).toString('utf8')).toMatch(note);
  expect(await drawnLines(page)).toBeGreaterThan(0);
  // At the left edge of the canvas, lines leave from every token's row.
  const canvas = page.getByTestId('head-lines');
  const top = (await canvas.boundingBox())!.y;
  const inked = await inkedRows(canvas, 3);
  for (const label of await page.locator('figure.head text.left-label').all()) {
    const box = (await label.boundingBox())!;
    const row = box.y + box.height / 2 - top;
    expect(inked.some((y) => Math.abs(y - row) <= 4)).toBe(true);
  }

  await showView(page, 'Model');
  await expect(page.locator('figure.model text.row-label')).toHaveText(['layer 1', 'layer 2', 'layer 3', 'layer 4']);
  await expect(page.locator('figure.model text.col-label')).toHaveText(['head 1', 'head 2', 'head 3', 'head 4']);
  await expect(page.locator('figure.model figcaption')).toContainText(`“${TEXT}”`);
  // 16 maps painted: every pixel of the first and last map has ink.
  const painted = await page.getByTestId('model-cells').evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
    return opaque;
  });
  const cell = await page.locator('figure.model rect.cursor').evaluate((r) => Number(r.getAttribute('width')) - 4);
  expect(painted).toBe(16 * cell * cell);
});

test('switching heads and layers off changes what is drawn, and what aggregates show', async ({ page }) => {
  await openDemo(page);
  await typeSentence(page, TEXT);

  await showView(page, 'Head');
  const lines = page.getByTestId('head-lines');
  const all = await drawnLines(page);
  const before = await lines.screenshot();
  const swatch = page.locator('figure.head g.swatch[data-head="1"]');
  await swatch.click();
  await expect(swatch).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('figure.head figcaption')).toContainText('layer 1, 3 of 4 heads');
  expect(await drawnLines(page)).toBeLessThan(all);
  expect((await lines.screenshot()).equals(before)).toBe(false);
  await swatch.press('Enter'); // and back on, from the keyboard
  await expect(swatch).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => drawnLines(page)).toBe(all);

  // The mean of the layer's heads in the matrix view leaves out a switched-off head.
  await showView(page, 'Matrix');
  await page.getByLabel('Aggregate').selectOption('mean');
  await expect(page.locator('figure.matrix figcaption')).toContainText('mean of 4 heads, layer 1');
  const image = page.locator('figure.matrix image');
  const mean4 = await image.screenshot();
  await showView(page, 'Model');
  await page.getByRole('button', { name: 'layer 1 on' }).click();
  await expect(page.locator('figure.model rect.off-cell')).toHaveCount(4);
  await page.getByRole('button', { name: 'layer 1 off' }).click();
  await page.getByRole('button', { name: 'head 2 in every layer on' }).click();
  await expect(page.locator('figure.model rect.off-cell')).toHaveCount(4);
  await expect(page.locator('figure.model text.col-label').nth(1)).toHaveAttribute('text-decoration', 'line-through');
  await showView(page, 'Matrix');
  await expect(page.locator('figure.matrix figcaption')).toContainText('mean of 3 heads, layer 1');
  expect((await image.screenshot()).equals(mean4)).toBe(false);
});

test('hovering a token shows only its lines: outgoing from the left column, incoming on the right', async ({
  page,
}) => {
  await openDemo(page);
  await typeSentence(page, TEXT);
  await showView(page, 'Head');
  const canvas = page.getByTestId('head-lines');
  const all = await drawnLines(page);
  const canvasBox = (await canvas.boundingBox())!;

  const middleOf = async (label: Locator) => {
    const box = (await label.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  const keysLeft = await middleOf(page.locator('figure.head text.left-label').nth(2));
  await page.mouse.move(keysLeft.x, keysLeft.y);
  await expect(page.getByTestId('head-readout')).toHaveText('Lines from “keys” (token 3) only.');
  await expect(page.getByTestId('focus-row')).toBeVisible();
  await expect.poll(() => drawnLines(page)).toBeLessThanOrEqual(4 * TOKENS.length);
  const fromKeys = await drawnLines(page);
  expect(fromKeys).toBeGreaterThan(0);
  // Every line starts at "keys": at the left edge of the canvas, ink only within its row.
  const rowY = keysLeft.y - canvasBox.y;
  const left = await inkedRows(canvas, 3);
  expect(left.length).toBeGreaterThan(0);
  for (const y of left) expect(Math.abs(y - rowY)).toBeLessThanOrEqual(10);

  const cabinetRight = await middleOf(page.locator('figure.head text.right-label').nth(5));
  await page.mouse.move(cabinetRight.x, cabinetRight.y);
  await expect(page.getByTestId('head-readout')).toHaveText('Lines to “cabinet” (token 6) only.');
  await expect.poll(() => drawnLines(page)).not.toBe(fromKeys);
  const right = await inkedRows(canvas, canvasBox.width - 3);
  for (const y of right) expect(Math.abs(y - (cabinetRight.y - canvasBox.y))).toBeLessThanOrEqual(10);

  await page.mouse.move(0, 0);
  await expect.poll(() => drawnLines(page)).toBe(all);
  await expect(page.getByTestId('focus-row')).toHaveCount(0);
  // The same filter from the keyboard.
  await page.getByLabel('Pin the lines of').selectOption('from-2');
  await expect.poll(() => drawnLines(page)).toBe(fromKeys);
});

test('the address bar keeps the picture: a reload of the link shows the same view and exports the same file', async ({
  page,
  context,
}) => {
  await openDemo(page);
  await typeSentence(page, 'The cat sat on the mat.', 'It was tired.');
  await showView(page, 'Head');
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: '3' });
  await page.getByLabel('Whole words').check();
  await page.getByLabel('Hide [CLS]/[SEP]').check();
  await page.getByLabel('Aggregate').selectOption('rollout');
  await expect(page.locator('figure.head figcaption')).toContainText('rollout to layer 3');
  await expect(page).toHaveURL(/view=head/);
  const url = new URL(page.url());
  // The text travels in the fragment (never sent to a server), the settings in the query.
  expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({
    text: 'The cat sat on the mat.',
    pair: 'It was tired.',
  });
  expect(Object.fromEntries(url.searchParams)).toMatchObject({
    model: 'demo',
    view: 'head',
    layer: '3',
    head: '1',
    agg: 'rollout',
    words: '1',
    hide: '1',
  });
  const first = await download(page, 'Export SVG');

  const again = await context.newPage();
  await again.goto(url.pathname + url.search + url.hash);
  await expect(again.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  await expect(again.getByTestId('view-panel')).toHaveAttribute('data-view', 'head');
  await expect(again.getByLabel('Layer', { exact: true })).toHaveValue('2');
  await expect(again.getByLabel('Whole words')).toBeChecked();
  await expect(again.getByLabel('Hide [CLS]/[SEP]')).toBeChecked();
  await expect(again.locator('figure.head g.swatch[data-head="2"]')).toHaveAttribute('aria-pressed', 'true');
  const second = await download(again, 'Export SVG');
  expect(second.equals(first)).toBe(true);
});

test('a malformed or hostile address is ignored with a notice, and nothing in it runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const query = new URLSearchParams({
    model: 'demo',
    backend: 'wasm',
    view: '<img src=x onerror=alert(1)>',
    layer: '9',
    head: 'abc',
    off: '<script>alert(2)</script>',
    agg: 'evil',
    text: HOSTILE,
  });
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText('Ignored view=“<img src=x onerror=alert(1)>”');
  await expect(notice).toContainText('Ignored head=“abc”');
  await expect(notice).toContainText('Ignored off=');
  await expect(notice).toContainText('Ignored agg=“evil”');
  await expect(notice).toContainText('This model has 4 layers, so layer 9 from the address shows as layer 4.');
  await expect(page.getByTestId('view-panel')).toHaveAttribute('data-view', 'matrix');
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 4-1');
  await expect(page.getByLabel('Sentence A')).toHaveValue(HOSTILE);
  await expect(page.locator('img[src="x"], script:text("alert")')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('arrow keys step the layer and head; in the model view Space switches a map and Enter opens it', async ({
  page,
}) => {
  await openDemo(page);
  await typeSentence(page, TEXT);
  await showView(page, 'Model');
  const panel = page.getByTestId('view-panel');
  await panel.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Head', { exact: true })).toHaveValue('1');
  await expect(page.getByTestId('model-readout')).toContainText('head 2-2');
  await page.keyboard.press('Space');
  await expect(page.locator('figure.model rect.off-cell')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-view', 'matrix');
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 2-2 (switched off)');
  await panel.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 1-2');
  // Tabs, selects and buttons are reachable with Tab.
  await page.getByRole('tab', { name: 'Matrix view' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(panel).toHaveAttribute('data-view', 'model');
});

test('word level merges pieces, hiding [CLS]/[SEP] says how much attention it removed, a pair is coloured by segment', async ({
  page,
}) => {
  await openDemo(page);
  await typeSentence(page, 'The cabinet was locked.', 'It stayed shut.');
  const pieces = await rowLabels(page).allTextContents();
  expect(pieces).toContain('##ed');
  await page.getByLabel('Whole words').check();
  await expect(rowLabels(page)).toContainText(['locked']);
  expect(await rowLabels(page).allTextContents()).not.toContain('##ed');
  await page.getByLabel('Hide [CLS]/[SEP]').check();
  await expect(page.locator('figure.matrix figcaption')).toContainText(
    /\[CLS\]\/\[SEP\] hidden, rows renormalised: they held \d+\.\d% of each row's attention on average/,
  );
  expect(await rowLabels(page).allTextContents()).not.toContain('[CLS]');
  await expect(rowLabels(page).first()).toHaveClass(/ink-segmentA/);
  await expect(rowLabels(page).last()).toHaveClass(/ink-segmentB/);
});

test('light and dark themes: the system preference, and a switch that overrides it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openDemo(page);
  await typeSentence(page, TEXT);
  const pageText = () => page.evaluate(() => getComputedStyle(document.body).color);
  const ink = () =>
    rowLabels(page)
      .nth(1)
      .evaluate((el) => getComputedStyle(el).fill);
  const dark = { bg: await pageText(), ink: await ink() };
  const channels = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  // The system's dark scheme: light text.
  expect(Math.min(...channels(dark.bg))).toBeGreaterThan(200);
  await page.getByLabel('Theme').selectOption('light');
  await expect(page).toHaveURL(/theme=light/);
  expect(await pageText()).not.toBe(dark.bg);
  expect(Math.max(...channels(await ink()))).toBeLessThan(60); // the light theme's dark ink
  expect(Math.min(...channels(dark.ink))).toBeGreaterThan(200);
  await page.getByLabel('Theme').selectOption('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await ink()).toBe(dark.ink);
  expect(await pageText()).toBe(dark.bg);
  // Back on "System", the page follows the system as it changes, without a reload.
  await page.getByLabel('Theme').selectOption('auto');
  await expect.poll(pageText).not.toBe(dark.bg);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(ink).toBe(dark.ink);
  expect(await pageText()).toBe(dark.bg);
});

test('exported SVG of each view is one self-contained, valid file with title, tokens and legend; PNG too', async ({
  page,
}) => {
  await openDemo(page);
  await typeSentence(page, TEXT);
  for (const view of ['Matrix', 'Head', 'Model'] as const) {
    await showView(page, view);
    const svg = (await download(page, 'Export SVG')).toString('utf8');
    const parsed = await parseSvg(page, svg);
    expectSelfContained(parsed);
    expect(parsed.title).toContain(DEMO);
    expect(parsed.title).toContain(`“${TEXT}”`);
    expect(svg).not.toMatch(/var\(|<script|foreignObject|@import|<style/i);
    if (view !== 'Model') for (const token of TOKENS) expect(parsed.texts).toContain(token);
    else expect(parsed.texts).toEqual(expect.arrayContaining(['layer 4', 'head 4', 'max of each map']));
    const visible = parsed.texts.join(' ');
    expect(visible).toContain(
      view === 'Matrix' ? 'head 1-1' : view === 'Head' ? 'layer 1, all 4 heads' : 'all 4 layers',
    );
    if (view !== 'Head') expect(parsed.texts).toContain('0'); // the colour legend's low end
    const drawn = await renderSvg(page, svg);
    expect(drawn.inked).toBeGreaterThan(1000);
  }
  await showView(page, 'Matrix');
  const png = await download(page, 'Export PNG');
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const svgWidth = Number(/width="(\d+)"/.exec((await download(page, 'Export SVG')).toString('utf8'))![1]);
  expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
});

test('a sentence with markup exports and renders safely: escaped in every view, raw in the title', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openDemo(page);
  await typeSentence(page, HOSTILE, 'Ünïcödé 😀 \u0007bell');
  for (const view of ['Matrix', 'Head', 'Model'] as const) {
    await showView(page, view);
    const svg = (await download(page, 'Export SVG')).toString('utf8');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"');
    const parsed = await parseSvg(page, svg);
    expectSelfContained(parsed);
    expect(parsed.title).toContain(`“${HOSTILE}” / “Ünïcödé 😀 \ufffdbell”`);
    expect((await renderSvg(page, svg)).inked).toBeGreaterThan(1000);
  }
  expect([...(await download(page, 'Export PNG')).subarray(1, 4)]).toEqual([80, 78, 71]); // "PNG"
  expect(dialogs).toEqual([]);
});

test('rollout over a long input runs in a worker, and equals the CLI’s to the byte', async ({ page }) => {
  const text = Array.from({ length: 150 }, (_, i) => ['the', 'cat', 'sat', 'on', 'a', 'mat'][i % 6]).join(' ');
  await openDemo(page);
  await typeSentence(page, text);
  await page.getByLabel('Aggregate').selectOption('rollout');
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: '3' });
  await expect(page.locator('figure.matrix figcaption')).toContainText('rollout to layer 3');
  const app = await download(page, 'Export SVG');
  const out = join(mkdtempSync(join(tmpdir(), 'bertology-render-')), 'rollout.svg');
  const args = ['render', '--model', 'demo', '--text', text, '--aggregate', 'rollout', '--layer', '3', '--out', out];
  await run('node', ['scripts/bertology.js', ...args], { cwd: repo });
  expect(readFileSync(out).equals(app)).toBe(true);
});

test('`bertology render` writes the very file the app exports, for each view', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'bertology-render-'));
  const text = 'The animal did not cross the street because it was too tired.';
  const pair = 'It stayed home.';
  await openDemo(page);
  await typeSentence(page, text, pair);
  const cases: { name: string; ui: () => Promise<void>; args: string[] }[] = [
    {
      name: 'matrix head 3-2',
      ui: async () => {
        await showView(page, 'Matrix');
        await page.getByLabel('Layer', { exact: true }).selectOption({ label: '3' });
        await page.getByLabel('Head', { exact: true }).selectOption({ label: '2' });
      },
      args: ['--view', 'matrix', '--layer', '3', '--head', '2'],
    },
    {
      // Switched off (for every view and aggregate) in the model view; the head view's swatches only hide.
      name: 'head view, head 1 off in every layer, words',
      ui: async () => {
        await showView(page, 'Model');
        await page.getByRole('button', { name: 'head 1 in every layer on' }).click();
        await showView(page, 'Head');
        await page.getByLabel('Whole words').check();
      },
      args: ['--view', 'head', '--layer', '3', '--head', '2', '--off', '1-1,2-1,3-1,4-1', '--words'],
    },
    {
      name: 'model view, layer 2 off, hidden specials',
      ui: async () => {
        await showView(page, 'Model');
        await page.getByRole('button', { name: 'layer 2 on' }).click();
        await page.getByLabel('Hide [CLS]/[SEP]').check();
      },
      args: ['--view', 'model', '--layer', '3', '--head', '2', '--off', '1-1,3-1,4-1,2-*', '--words', '--hide-special'],
    },
    {
      name: 'matrix rollout to layer 4',
      ui: async () => {
        await showView(page, 'Matrix');
        await page.getByLabel('Aggregate').selectOption('rollout');
        await page.getByLabel('Layer', { exact: true }).selectOption({ label: '4' });
      },
      args: [
        '--view',
        'matrix',
        '--aggregate',
        'rollout',
        '--layer',
        '4',
        '--head',
        '2',
        '--off',
        '1-1,3-1,4-1,2-*',
      ].concat(['--words', '--hide-special']),
    },
  ];
  for (const c of cases) {
    await c.ui();
    const app = await download(page, 'Export SVG');
    const out = join(dir, `${c.name.replace(/\W+/g, '-')}.svg`);
    const args = ['render', '--model', 'demo', '--text', text, '--pair', pair, ...c.args, '--out', out];
    await run('node', ['scripts/bertology.js', ...args], { cwd: repo });
    const cli = readFileSync(out);
    expect(cli.toString('utf8'), c.name).toBe(app.toString('utf8'));
    expect(cli.equals(app), c.name).toBe(true);
  }
});
