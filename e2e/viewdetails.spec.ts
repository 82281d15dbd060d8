/**
 * Issue 9's last details, checked on screen: focus rings drawn whole (head swatches, the model
 * view's "layer N"), the head view's subset of heads kept in the address, the last picture kept,
 * dimmed, while a long rollout computes, and a 512-token matrix with labels that do not collide.
 */
import { openDemo, rowLabels, typeSentence } from './app';
import { expect, test, type Locator, type Page } from './fixtures';
import { headColor } from '../src/lib/render/palette';
import {
  colourDistance,
  decodePng,
  headGeometry,
  hexColour,
  KNOWN_TOKENS,
  openKnown,
  screenPixels,
  showView,
  tinted,
} from './known';

test.use({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
// Model loads and long runs are quick on an idle machine; the margin is for a busy one.
test.setTimeout(300_000);

const CURSOR = [0xd6, 0x27, 0x28]; // --cursor, light theme

/**
 * Tabs from `start` until `target` has focus (as a keyboard user gets there: :focus-visible), then
 * reads the screen around it: the ring must show on all four sides, so no side is cut off.
 */
async function ringDrawnWhole(page: Page, start: Locator, target: Locator, what: string): Promise<void> {
  await start.focus();
  for (let i = 0; i < 30 && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target, what).toBeFocused();
  const box = (await target.boundingBox())!;
  const pad = 6;
  const clip = { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad };
  const { width, rgba } = decodePng(await page.screenshot({ clip, animations: 'disabled' }));
  const isRing = (x: number, y: number) => {
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    return colourDistance([rgba[i]!, rgba[i + 1]!, rgba[i + 2]!], CURSOR) < 70;
  };
  const midX = pad + box.width / 2;
  const midY = pad + box.height / 2;
  const along = (n: number, at: (k: number) => boolean) => Array.from({ length: n }, (_, k) => at(k)).some(Boolean);
  // Walking in from each edge of the clip towards the middle, the ring is met on every side.
  expect(
    along(pad + 4, (k) => isRing(k, midY)),
    `${what}: ring on the left`,
  ).toBe(true);
  expect(
    along(pad + 4, (k) => isRing(clip.width - 1 - k, midY)),
    `${what}: ring on the right`,
  ).toBe(true);
  expect(
    along(pad + 4, (k) => isRing(midX, k)),
    `${what}: ring on top`,
  ).toBe(true);
  expect(
    along(pad + 4, (k) => isRing(midX, clip.height - 1 - k)),
    `${what}: ring at the bottom`,
  ).toBe(true);
}

test('focus rings are drawn whole: head swatches, and "layer 1" at the model view’s left edge', async ({ page }) => {
  await openKnown(page);
  const panel = page.getByTestId('view-panel');
  await showView(page, 'Head');
  await ringDrawnWhole(page, panel, page.locator('figure.head g.swatch[data-head="1"]'), 'head swatch 1');
  await showView(page, 'Model');
  const layer1 = page.getByRole('button', { name: 'layer 1 on' });
  // "layer 1" starts at the figure's left edge.
  expect((await layer1.boundingBox())!.x - (await panel.boundingBox())!.x).toBeLessThan(8);
  await ringDrawnWhole(page, panel, layer1, 'layer 1');
});

const shown = (page: Page) =>
  page
    .locator('figure.head g.swatch[data-shown="true"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-head'))));

async function ready(page: Page) {
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 120_000 });
  await expect(page.getByTestId('head-lines')).toHaveAttribute('data-complete', 'true');
}

test('the head view’s subset of heads is kept in the address and comes back on reload', async ({ page }) => {
  await openKnown(page, 'light', '&view=head');
  expect(await shown(page)).toEqual([1, 2, 3, 4]);
  // Head 2 ([SEP]) alone, then head 4 beside it.
  await page.locator('figure.head g.swatch[data-head="2"]').click({ modifiers: ['Shift'] });
  await page.locator('figure.head g.swatch[data-head="4"]').click();
  await expect.poll(() => shown(page)).toEqual([2, 4]);
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('heads'))).toBe('2,4');

  await page.reload();
  await ready(page);
  expect(await shown(page)).toEqual([2, 4]);
  // On screen: head 2's lines converge on [SEP] (read halfway between two rows, off head 4's
  // self lines); head 1's previous-token lines are not drawn.
  const g = await headGeometry(page);
  const pixels = await screenPixels(page.getByTestId('head-stage'));
  const background = pixels.at(g.x0 + 5, g.row(0) - 15);
  const has = (head: number, i: number, j: number, t: number) =>
    tinted(
      pixels.at(g.x0 + t * (g.x1 - g.x0), g.row(i) + t * (g.row(j) - g.row(i))),
      hexColour(headColor(head)),
      background,
    );
  const SEP = KNOWN_TOKENS.length - 1;
  for (let i = 0; i < SEP; i++) expect(has(1, i, SEP, 0.5 / (SEP - i)), `${i}→[SEP]`).toBe(true);
  for (let i = 2; i < SEP; i++) expect(has(0, i, i - 1, 0.25), `no ${i}→${i - 1}`).toBe(false);

  // None shown is kept too. (A link without `heads`, as every older link, shows every head: urlState.test.ts.)
  await page.getByRole('button', { name: 'none', exact: true }).click();
  await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get('heads'))).toBe('none');
  await page.reload();
  await ready(page);
  expect(await shown(page)).toEqual([]);
  await expect(page.getByTestId('head-lines')).toHaveAttribute('data-drawn-lines', '0');
});

/** Standard deviation of the pixels' brightness, and their correlation with another picture's. */
function stats(a: Uint8Array, b?: Uint8Array): { sd: number; corr: number } {
  const lum = (px: Uint8Array, i: number) => 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
  const n = a.length / 4;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i += 4) {
    sa += lum(a, i);
    if (b) sb += lum(b, i);
  }
  const [ma, mb] = [sa / n, sb / n];
  let vaa = 0;
  let vbb = 0;
  let vab = 0;
  for (let i = 0; i < a.length; i += 4) {
    const da = lum(a, i) - ma;
    const db = b ? lum(b, i) - mb : 0;
    vaa += da * da;
    vbb += db * db;
    vab += da * db;
  }
  return { sd: Math.sqrt(vaa / n), corr: b ? vab / Math.sqrt(vaa * vbb) : 0 };
}

test('while a long rollout computes, the last picture stays on screen, dimmed, then the rollout replaces it', async ({
  page,
}) => {
  // Hold the engine's aggregate requests (Comlink APPLY of `aggregate`) until the test lets them go.
  await page.addInitScript(() => {
    const held: [Worker, unknown, Transferable[]][] = [];
    const post = Worker.prototype.postMessage as (this: Worker, m: unknown, t?: Transferable[]) => void;
    const control = {
      hold: false,
      get held() {
        return held.length;
      },
      release() {
        control.hold = false;
        for (const [worker, message, transfer] of held.splice(0)) post.call(worker, message, transfer);
      },
    };
    (window as unknown as { __aggregates: typeof control }).__aggregates = control;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: unknown) {
      const m = message as { type?: string; path?: string[] } | null;
      if (control.hold && m?.type === 'APPLY' && m.path?.includes('aggregate')) {
        held.push([this, message, (transfer as Transferable[]) ?? []]);
        return;
      }
      post.call(this, message, transfer as Transferable[]);
    } as Worker['postMessage'];
  });
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  await openDemo(page);
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
  await page.getByRole('tab', { name: 'Matrix view' }).click();
  // 4 layers × 177 tokens is past the size rolled out on the main thread.
  await typeSentence(page, 'the cat sat on the mat . '.repeat(25).trim());
  const figure = page.getByTestId('view-figure');
  const image = page.locator('figure.matrix image');
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 1-1');
  const before = await figure.boundingBox();
  const old = decodePng(await image.screenshot({ animations: 'disabled' }));

  await page.evaluate(() => ((window as unknown as { __aggregates: { hold: boolean } }).__aggregates.hold = true));
  await page.getByLabel('Aggregate').selectOption('rollout');
  await expect(page.getByText(/^Computing attention rollout over 177 tokens…$/)).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __aggregates: { held: number } }).__aggregates.held))
    .toBeGreaterThan(0);
  // The old picture is still there, the same size, marked busy and drawn at reduced opacity.
  await expect(figure).toHaveAttribute('aria-busy', 'true');
  await expect(image).toBeVisible();
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 1-1');
  const during = await figure.boundingBox();
  expect(during!.height).toBeCloseTo(before!.height, 0);
  expect(during!.width).toBeCloseTo(before!.width, 0);
  const dim = decodePng(await image.screenshot({ animations: 'disabled' }));
  expect(dim.width).toBe(old.width);
  // Pixels: the same picture (correlated), with its contrast cut to the dimmed opacity (0.45).
  const was = stats(old.rgba);
  const now = stats(dim.rgba, old.rgba);
  expect(was.sd).toBeGreaterThan(10);
  expect(now.corr).toBeGreaterThan(0.97);
  expect(now.sd / was.sd).toBeGreaterThan(0.3);
  expect(now.sd / was.sd).toBeLessThan(0.6);

  await page.evaluate(() => (window as unknown as { __aggregates: { release(): void } }).__aggregates.release());
  await expect(page.locator('figure.matrix figcaption')).toContainText('rollout', { timeout: 90_000 });
  await expect(figure).toHaveAttribute('aria-busy', 'false');
  const after = stats(decodePng(await image.screenshot({ animations: 'disabled' })).rgba);
  expect(after.sd).toBeGreaterThan(0.6 * was.sd); // full contrast again, on the new picture
});

test('a 512-token matrix stays legible: every k-th token labelled without collisions, hover names any cell', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByRole('tab', { name: 'Matrix view' }).click();
  const long = Array.from({ length: 600 }, (_, i) => (i % 2 ? 'cat' : 'dog')).join(' ');
  await typeSentence(page, long);
  await expect(page.getByTestId('run-summary')).toContainText('512 tokens');
  const svg = page.locator('figure.matrix svg');
  expect((await svg.boundingBox())!.width).toBeGreaterThanOrEqual(720);

  // Labels every k-th token, on both axes, none overlapping its neighbour on screen.
  const labels = rowLabels(page);
  const count = await labels.count();
  expect(count).toBeGreaterThanOrEqual(30);
  expect(count).toBeLessThan(512);
  const boxes = await labels.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  for (let k = 1; k < boxes.length; k++)
    expect(boxes[k]!.top, `row label ${k}`).toBeGreaterThanOrEqual(boxes[k - 1]!.bottom - 1);
  const cols = await page
    .locator('figure.matrix text.col-label')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  expect(cols).toHaveLength(count);
  // -60° labels: apart by at least their height across (11 px text needs 11 / sin 60° ≈ 12.7 px).
  for (let k = 1; k < cols.length; k++) expect(cols[k]!.left - cols[k - 1]!.left).toBeGreaterThanOrEqual(12.5);
  await expect(labels.first()).toHaveText('[CLS]');
  // What a person sees: the labels are painted, dark on light.
  const labelPixels = await screenPixels(labels.nth(3));
  let ink = 0;
  for (let y = 0; y < labelPixels.height; y++)
    for (let x = 0; x < labelPixels.width; x++) if (Math.max(...labelPixels.at(x, y)) < 120) ink++;
  expect(ink).toBeGreaterThan(5);

  // Hover row 101 (token index 100: "cat"), column 100 ("dog"): the readout names both, numbered.
  // (The map is taller than the window: scroll its top into view, then read the screen in place.)
  const hit = page.locator('figure.matrix rect.hit');
  await hit.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const grid = (await hit.boundingBox())!;
  const cell = grid.width / 512;
  const at = async (x: number, y: number) => {
    const { rgba } = decodePng(await page.screenshot({ clip: { x: x - 1, y: y - 1, width: 3, height: 3 } }));
    return [rgba[16]!, rgba[17]!, rgba[18]!]; // the middle pixel
  };
  const onRow = { x: grid.x + 20.5 * cell, y: grid.y + 100.5 * cell };
  const plain = await at(onRow.x, onRow.y);
  await page.mouse.move(grid.x + 99.5 * cell, grid.y + 100.5 * cell);
  await expect(page.getByTestId('hover-readout')).toHaveText(
    /^“cat” \(token 101 of 512\) → “dog” \(token 100 of 512\): \d\.\d{4}$/,
  );
  // A crosshair leads from the cell to both axes: on its row, 79 cells to the left, the map is tinted red.
  await expect(page.getByTestId('matrix-crosshair')).toBeVisible();
  const crossed = await at(onRow.x, onRow.y);
  expect(tinted(crossed, CURSOR, plain), `${plain.join(',')} → ${crossed.join(',')}`).toBe(true);
  await page.screenshot({ path: test.info().outputPath('matrix-512.png') });
});
