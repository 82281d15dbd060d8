/**
 * The `known` fixture (scripts/fixture/knownWeights.ts), served as a stand-in Hub model, and a way
 * to read the pixels a person sees: a screenshot of an element, decoded by the browser.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
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

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are). */
export function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colourType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6)) throw new Error('unsupported PNG');
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rgba = new Uint8Array(width * height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels]! : 0;
      const b = previous[i]!;
      const c = i >= channels ? previous[i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = (line[i]! + predictor) & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      rgba[o] = out[x * channels]!;
      rgba[o + 1] = out[x * channels + 1]!;
      rgba[o + 2] = out[x * channels + 2]!;
      rgba[o + 3] = channels === 4 ? out[x * channels + 3]! : 255;
    }
    previous = out;
  }
  return { width, height, rgba };
}

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
