/**
 * The views as a person sees them, pixel by pixel, on a model whose heads do known things
 * (fixtures/known, see scripts/fixture/knownWeights.ts): layer 1 has a previous-token head (1), a
 * [SEP] head (2), a [CLS] head (3) and a self head (4). Every check reads the screen's pixels.
 */
import { expect, test, type Page } from './fixtures';
import { headColor } from '../src/lib/render/palette';
import {
  brightness,
  headGeometry,
  hexColour,
  KNOWN_TOKENS,
  modelPainted,
  openKnown,
  screenPixels,
  showView,
  tinted,
  type Pixels,
} from './known';

test.use({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
// Loading the model is quick on an idle machine; the margin is for a busy one.
test.setTimeout(180_000);

const N = KNOWN_TOKENS.length;
const SEP = N - 1;

async function headPixels(page: Page) {
  await expect(page.getByTestId('head-lines')).toHaveAttribute('data-complete', 'true');
  const geometry = await headGeometry(page);
  const pixels = await screenPixels(page.getByTestId('head-stage'));
  const background = pixels.at(geometry.x0 + 5, geometry.row(0) - 15);
  /** The pixel on the line from left token i to right token j, a fraction t along it. */
  const onLine = (i: number, j: number, t: number) =>
    pixels.at(geometry.x0 + t * (geometry.x1 - geometry.x0), geometry.row(i) + t * (geometry.row(j) - geometry.row(i)));
  return { geometry, pixels, background, onLine };
}

function countTinted(
  pixels: Pixels,
  colour: number[],
  background: number[],
  x0: number,
  x1: number,
  y0: number,
  y1: number,
) {
  let count = 0;
  for (let y = Math.ceil(y0); y < y1; y++)
    for (let x = Math.ceil(x0); x < x1; x++) if (tinted(pixels.at(x, y), colour, background)) count++;
  return count;
}

const ORANGE = hexColour(headColor(0));
const BLUE = hexColour(headColor(1));
const GREEN = hexColour(headColor(2));

test('head view: the previous-token head draws a line from each token to the one before it', async ({ page }) => {
  await openKnown(page);
  await showView(page, 'Head');
  await page.locator('figure.head g.swatch[data-head="1"]').click({ modifiers: ['Shift'] });
  await expect(page.locator('figure.head g.swatch[data-shown="true"]')).toHaveCount(1);
  const { onLine, background } = await headPixels(page);
  for (let i = 1; i < N; i++) {
    // A quarter of the way along, the line to i-1 is 5 px above row i, the line to i+1 would be 5 px below.
    for (const t of [0.25, 0.5, 0.75])
      expect(tinted(onLine(i, i - 1, t), ORANGE, background), `line ${i}→${i - 1} at ${t}`).toBe(true);
    if (i < N - 1) expect(tinted(onLine(i, i + 1, 0.25), ORANGE, background), `no line ${i}→${i + 1}`).toBe(false);
  }
});

test('head view: the head picker shows the [SEP] head, whose lines all converge on [SEP]', async ({ page }) => {
  await openKnown(page);
  await showView(page, 'Head');
  await page.getByLabel('Head', { exact: true }).selectOption({ label: '2' });
  await expect(page.locator('figure.head g.swatch[data-shown="true"]')).toHaveAttribute('data-head', '2');
  const { onLine, background, pixels, geometry } = await headPixels(page);
  for (let i = 0; i < SEP; i++) {
    for (const t of [0.3, 0.6, 0.9])
      expect(tinted(onLine(i, SEP, t), BLUE, background), `line ${i}→[SEP] at ${t}`).toBe(true);
  }
  // Near the right column, blue only around [SEP]'s row: nothing arrives anywhere else.
  const right = geometry.x1 - 0.06 * (geometry.x1 - geometry.x0);
  expect(countTinted(pixels, BLUE, background, right, geometry.x1, geometry.row(0) - 8, geometry.row(SEP - 1))).toBe(0);
  expect(
    countTinted(pixels, BLUE, background, right, geometry.x1, geometry.row(SEP) - 8, geometry.row(SEP) + 4),
  ).toBeGreaterThan(20);
});

test('matrix view: the previous-token head is bright on the sub-diagonal and dark elsewhere', async ({ page }) => {
  await openKnown(page, 'light', '&view=matrix&layer=1&head=1');
  const image = page.locator('figure.matrix image');
  const box = (await image.boundingBox())!;
  const pixels = await screenPixels(image);
  const cell = box.width / N;
  for (let i = 1; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const b = brightness(pixels.at((j + 0.5) * cell, (i + 0.5) * cell));
      if (j === i - 1) expect(b, `cell ${i},${j}`).toBeGreaterThan(180);
      else expect(b, `cell ${i},${j}`).toBeLessThan(90);
    }
  }
});

test('model view: the thumbnails show the previous-token head’s sub-diagonal and the [SEP] head’s last column', async ({
  page,
}) => {
  await openKnown(page, 'light', '&view=model&layer=1&head=1');
  await modelPainted(page);
  const cursor = page.locator('figure.model rect.cursor');
  const svg = (await page.locator('figure.model svg').boundingBox())!;
  const x = Number(await cursor.getAttribute('x')) + 2;
  const y = Number(await cursor.getAttribute('y')) + 2;
  const size = Number(await cursor.getAttribute('width')) - 4;
  const pitch = size + 6;
  const stage = page.locator('figure.model svg');
  const pixels = await screenPixels(stage);
  expect(svg.width).toBeGreaterThan(0);
  const sample = (head: number, i: number, j: number) =>
    brightness(pixels.at(x + head * pitch + ((j + 0.5) * size) / N, y + ((i + 0.5) * size) / N));
  for (let i = 1; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if (j === i - 1) expect(sample(0, i, j), `head 1-1 cell ${i},${j}`).toBeGreaterThan(180);
      else expect(sample(0, i, j), `head 1-1 cell ${i},${j}`).toBeLessThan(90);
    }
  }
  for (let i = 0; i < N; i++) {
    expect(sample(1, i, SEP), `head 1-2 cell ${i},[SEP]`).toBeGreaterThan(180);
    expect(sample(1, i, 2), `head 1-2 cell ${i},2`).toBeLessThan(90);
  }
  // The header bar above each column has the head's colour.
  expect(tinted(pixels.at(x + size / 2, y - 5.5), ORANGE, [255, 255, 255])).toBe(true);
  expect(tinted(pixels.at(x + 2 * pitch + size / 2, y - 5.5), GREEN, [255, 255, 255])).toBe(true);
});
