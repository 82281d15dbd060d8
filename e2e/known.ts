/**
 * The `known` fixture (scripts/fixture/knownWeights.ts), served as a stand-in Hub model, and a way
 * to read the pixels a person sees: a screenshot of an element, decoded by the browser.
 */
import { readFileSync } from 'node:fs';
import { decodePng } from '../scripts/pngDecode';
import { expect, type BrowserContext, type Locator, type Page } from './fixtures';

export const KNOWN_ID = 'test-org/known-heads';
const FILES = new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']);

/** Layer 1: head 1 previous token, head 2 [SEP], head 3 [CLS], head 4 self. */
export const KNOWN_TEXT = 'the cat sat on the mat .';
export const KNOWN_TOKENS = ['[CLS]', 'the', 'cat', 'sat', 'on', 'the', 'mat', '.', '[SEP]'];

export async function serveKnown(context: BrowserContext): Promise<void> {
  await context.route('https://huggingface.co/**', async (route) => {
    const match = new RegExp(`^https://huggingface\\.co/${KNOWN_ID}/resolve/main/(.+)$`).exec(route.request().url());
    const file = match?.[1];
    if (!file || !FILES.has(file)) return route.fulfill({ status: file ? 404 : 401, body: '' });
    const body = readFileSync(`fixtures/known/${file}`);
    return route.fulfill({ status: 200, body, headers: { 'content-length': String(body.length) } });
  });
}

/** Opens the known model with the sentence, in a fixed theme, fonts pinned, animations off. */
export async function openKnown(page: Page, theme: 'light' | 'dark' = 'light', query = ''): Promise<void> {
  await serveKnown(page.context());
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: theme });
  const text = encodeURIComponent(KNOWN_TEXT);
  await page.goto(`/?model=${KNOWN_ID}&backend=wasm&theme=${theme}&text=${text}${query}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 120_000 });
  // One font on every machine: DejaVu Sans (Debian's fonts-dejavu-core), for the figures at least.
  await page.addStyleTag({
    content: `figure, figure * { font-family: 'DejaVu Sans', sans-serif !important; }
      *, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }`,
  });
}

export async function showView(page: Page, view: 'Head' | 'Model' | 'Matrix'): Promise<void> {
  await page.getByRole('tab', { name: `${view} view` }).click();
  await expect(page.getByTestId('view-panel')).toHaveAttribute('data-view', view.toLowerCase());
  if (view === 'Model') await modelPainted(page);
}

/** The model view paints its maps a slice at a time: wait until every map is on the canvas. */
export async function modelPainted(page: Page): Promise<void> {
  await expect(page.getByTestId('model-cells')).toHaveAttribute('data-complete', 'true');
}

export interface Pixels {
  width: number;
  height: number;
  /** [r, g, b] at (x, y) in the element's CSS pixels (device scale 1). */
  at(x: number, y: number): [number, number, number];
}

/** What the screen shows of `locator`, as pixels (decoded here: no round trip through the page). */
export async function screenPixels(locator: Locator): Promise<Pixels> {
  const { width, height, rgba } = decodePng(await locator.screenshot({ animations: 'disabled' }));
  return {
    width,
    height,
    at(x, y) {
      const i = (Math.round(y) * width + Math.round(x)) * 4;
      return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
    },
  };
}

export { decodePng };

/** Largest channel difference between two colours. */
export function colourDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(Math.abs(a[0]! - b[0]!), Math.abs(a[1]! - b[1]!), Math.abs(a[2]! - b[2]!));
}

/** Relative luminance-ish brightness 0…255. */
export function brightness([r, g, b]: readonly number[]): number {
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * Whether a pixel is `colour` laid over `background` with some opacity (0.25…1): it lies near the
 * segment between them in RGB. Tells the heads' colours apart, anti-aliasing included.
 */
export function tinted(px: readonly number[], colour: readonly number[], background: readonly number[]): boolean {
  const d = [0, 1, 2].map((k) => colour[k]! - background[k]!);
  const p = [0, 1, 2].map((k) => px[k]! - background[k]!);
  const len = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  const alpha = (p[0]! * d[0]! + p[1]! * d[1]! + p[2]! * d[2]!) / len;
  const residual = Math.max(...[0, 1, 2].map((k) => Math.abs(p[k]! - alpha * d[k]!)));
  return alpha > 0.25 && alpha < 1.1 && residual < 16;
}

export function hexColour(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** The head view's geometry on screen, relative to its stage: where lines start and end, row middles. */
export async function headGeometry(page: Page): Promise<{ x0: number; x1: number; row: (i: number) => number }> {
  const stage = (await page.getByTestId('head-stage').boundingBox())!;
  const canvas = (await page.getByTestId('head-lines').boundingBox())!;
  const hit = (await page.locator('figure.head rect.hit-from').boundingBox())!;
  const n = await page.locator('figure.head text.left-label').count();
  const pitch = hit.height / n;
  return {
    x0: canvas.x - stage.x + 3,
    x1: canvas.x + canvas.width - stage.x - 3,
    row: (i) => hit.y - stage.y + (i + 0.5) * pitch,
  };
}
