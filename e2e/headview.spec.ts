/**
 * The head view's controls, by mouse and by keyboard, checked on screen: the head picker and arrow
 * keys, subsets of heads, a pinned token, the layer control; and the figures' size on a 1440 px
 * window. Uses the known-heads model (layer 1: previous token, [SEP], [CLS], self; layer 2: next
 * token, self, previous token, even).
 */
import { showSection } from './app';
import { expect, test, type Page } from './fixtures';
import { headColor } from '../src/lib/render/palette';
import { headGeometry, hexColour, KNOWN_TOKENS, openKnown, screenPixels, showView, tinted } from './known';

test.use({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
// Loading the model is quick on an idle machine; the margin is for a busy one.
test.setTimeout(180_000);

const N = KNOWN_TOKENS.length;
const SEP = N - 1;
const colour = (head: number) => hexColour(headColor(head));

/** `has(colour, i, j, t)`: the pixel a fraction t along the line from left token i to right token j has that colour. */
async function lines(page: Page) {
  await expect(page.getByTestId('head-lines')).toHaveAttribute('data-complete', 'true');
  const g = await headGeometry(page);
  const pixels = await screenPixels(page.getByTestId('head-stage'));
  const background = pixels.at(g.x0 + 5, g.row(0) - 15);
  return (rgb: number[], i: number, j: number, t = 0.25) =>
    tinted(pixels.at(g.x0 + t * (g.x1 - g.x0), g.row(i) + t * (g.row(j) - g.row(i))), rgb, background);
}

const shown = (page: Page) =>
  page
    .locator('figure.head g.swatch[data-shown="true"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-head'))));

test('head view: picker and ←/→ show one head; swatches any subset; a clicked token pins its lines; the layer control', async ({
  page,
}) => {
  await openKnown(page);
  await showView(page, 'Head');
  expect(await shown(page)).toEqual([1, 2, 3, 4]);

  // Picker: head 3 ([CLS]) alone.
  await page.getByLabel('Head', { exact: true }).selectOption({ label: '3' });
  await expect.poll(() => shown(page)).toEqual([3]);
  let has = await lines(page);
  for (let i = 1; i < N; i++) expect(has(colour(2), i, 0), `${i}→[CLS]`).toBe(true);
  expect(has(colour(0), 5, 4)).toBe(false);

  // Keyboard: ← from the view shows head 2 ([SEP]) alone.
  await page.getByTestId('view-panel').focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => shown(page)).toEqual([2]);
  has = await lines(page);
  for (let i = 0; i < SEP; i++) expect(has(colour(1), i, SEP, 0.5), `${i}→[SEP]`).toBe(true);

  // Click adds head 1 (previous token) to the picture, keyboard (Enter on a swatch) too for head 4.
  await page.locator('figure.head g.swatch[data-head="1"]').click();
  await page.locator('figure.head g.swatch[data-head="4"]').press('Enter');
  await expect.poll(() => shown(page)).toEqual([1, 2, 4]);
  await page.locator('figure.head g.swatch[data-head="2"]').click(); // and hides head 2
  await expect.poll(() => shown(page)).toEqual([1, 4]);
  has = await lines(page);
  for (let i = 1; i < N; i++) expect(has(colour(0), i, i - 1), `${i}→${i - 1}`).toBe(true);
  for (let i = 0; i < SEP; i++) expect(has(colour(1), i, SEP, 0.5), `no ${i}→[SEP]`).toBe(false);
  // Shift+Enter: head 1 alone; then none, then all.
  await page.locator('figure.head g.swatch[data-head="1"]').press('Shift+Enter');
  await expect.poll(() => shown(page)).toEqual([1]);
  await page.getByRole('button', { name: 'none', exact: true }).click();
  await expect.poll(() => shown(page)).toEqual([]);
  await expect(page.getByTestId('head-lines')).toHaveAttribute('data-drawn-lines', '0');
  has = await lines(page);
  expect(has(colour(0), 5, 4)).toBe(false);
  await page.getByRole('button', { name: 'all', exact: true }).click();
  await expect.poll(() => shown(page)).toEqual([1, 2, 3, 4]);
  // Hidden is not switched off: the mean of the layer still has every head.
  await page.locator('figure.head g.swatch[data-head="2"]').click();
  await expect(page.locator('figure.head figcaption')).toContainText('layer 1, 3 of 4 heads');
  await page.getByLabel('Aggregate').selectOption('mean');
  await expect(page.locator('figure.head figcaption')).toContainText('mean of 4 heads, layer 1');
  await page.getByLabel('Aggregate').selectOption('head');

  // Clicking a token pins its lines; clicking it again or Escape unpins; the list does it by keyboard.
  await page.locator('figure.head g.swatch[data-head="1"]').click({ modifiers: ['Shift'] });
  const clickToken = async (side: 'left' | 'right', i: number) => {
    const box = (await page.locator(`figure.head text.${side}-label`).nth(i).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };
  await clickToken('left', 2);
  await page.mouse.move(5, 5); // away: the pin holds
  await expect(page.getByTestId('head-stage')).toHaveAttribute('data-pinned', 'from-2');
  await expect(page.getByTestId('head-readout')).toContainText('Lines from “cat” (token 3) only, pinned');
  has = await lines(page);
  expect(has(colour(0), 2, 1)).toBe(true);
  expect(has(colour(0), 5, 4)).toBe(false);

  await clickToken('left', 2); // again: unpinned
  await page.mouse.move(5, 5);
  await expect(page.getByTestId('head-stage')).toHaveAttribute('data-pinned', '');
  has = await lines(page);
  expect(has(colour(0), 5, 4)).toBe(true);

  // Right column: what attends to "on"; Escape unpins.
  await clickToken('right', 4);
  await page.mouse.move(5, 5);
  await expect(page.getByTestId('head-stage')).toHaveAttribute('data-pinned', 'to-4');
  has = await lines(page);
  expect(has(colour(0), 5, 4)).toBe(true);
  expect(has(colour(0), 3, 2)).toBe(false);
  await page.getByLabel('Pin the lines of').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('head-stage')).toHaveAttribute('data-pinned', '');

  // Keyboard: the list pins a token.
  await page.getByLabel('Pin the lines of').selectOption('from-6');
  await expect(page.getByTestId('head-stage')).toHaveAttribute('data-pinned', 'from-6');
  has = await lines(page);
  expect(has(colour(0), 6, 5)).toBe(true);
  expect(has(colour(0), 3, 2)).toBe(false);
  await page.getByLabel('Pin the lines of').selectOption('');

  // The layer control in the view, by mouse and keyboard.
  await page.getByRole('button', { name: 'Next layer' }).click();
  await expect(page.locator('figure.head figcaption')).toContainText('head 2-1'); // head 1 alone, as before
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('1');
  // Layer 2, head 1 looks at the next token.
  await page.locator('figure.head g.swatch[data-head="1"]').click({ modifiers: ['Shift'] });
  has = await lines(page);
  for (let i = 0; i < SEP; i++) expect(has(colour(0), i, i + 1), `${i}→${i + 1}`).toBe(true);
  expect(has(colour(0), 5, 4)).toBe(false);
  // Back to layer 1 with the keyboard, in the view's own list.
  await page.getByLabel('Layer of the head view').selectOption({ label: '1' });
  await expect(page.locator('figure.head figcaption')).toContainText('head 1-1');
  has = await lines(page);
  expect(has(colour(0), 5, 4)).toBe(true);
  expect(has(colour(0), 4, 5)).toBe(false);
});

test('figures use half a 1440 px window; "head 3" is struck through only when off in every layer; ablated heads are crossed out', async ({
  page,
}) => {
  await openKnown(page, 'light', '&off=1-3');
  for (const view of ['Head', 'Model', 'Matrix'] as const) {
    await showView(page, view);
    const figure = page.locator(`figure.${view.toLowerCase()} svg`).first();
    const box = (await figure.boundingBox())!;
    expect(box.width, view).toBeGreaterThanOrEqual(720);
  }
  await showView(page, 'Model');
  const header = page.locator('figure.model text.col-label').nth(2);
  await expect(page.locator('figure.model rect.off-cell')).toHaveCount(1);
  await expect(header).not.toHaveAttribute('text-decoration', 'line-through');
  await page.getByRole('button', { name: 'head 3 in every layer on' }).click();
  await expect(page.locator('figure.model rect.off-cell')).toHaveCount(2);
  await expect(header).toHaveAttribute('text-decoration', 'line-through');
  await page.getByRole('button', { name: 'head 3 in every layer off' }).click();
  await expect(page.locator('figure.model rect.off-cell')).toHaveCount(0);

  // Ablate head 2-1 inside the model: crossed out in the model view, the head view and the matrix view.
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel(/Heads to switch off/).fill('2-1');
  await page.getByRole('button', { name: 'Ablate', exact: true }).click();
  await showSection(page, 'Attention');
  await expect(page.locator('figure.model g.ablated-cell')).toHaveCount(1, { timeout: 90_000 });
  await expect(page.locator('figure.model g.ablated-cell')).toHaveAttribute('data-cell', '1-0');
  const svg = page.locator('figure.model svg');
  const pixels = await screenPixels(svg);
  const x = Number(await page.locator('figure.model g.ablated-cell line').first().getAttribute('x1'));
  const y = Number(await page.locator('figure.model g.ablated-cell line').first().getAttribute('y1'));
  // On the cross, over the map's dark purple: red.
  const [r, g, b] = pixels.at(x + 6, y + 6);
  expect(r).toBeGreaterThan(150);
  expect(Math.max(g, b)).toBeLessThan(100);
  await showView(page, 'Head');
  await page.getByLabel('Layer of the head view').selectOption({ label: '2' });
  await expect(page.getByRole('button', { name: /head 2-1: .*ablated in the model/ })).toBeVisible();
  await showView(page, 'Matrix');
  await page.getByLabel('Head', { exact: true }).selectOption({ label: '1' });
  await expect(page.locator('figure.matrix figcaption')).toContainText('head 2-1 (ablated)');
});
