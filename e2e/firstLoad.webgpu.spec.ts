import { expect, test, type Page } from './fixtures';

// Chromium runs with --enable-unsafe-webgpu: its only adapter is SwiftShader, a software fallback.

/** Records every response of the page and its workers: URL and bytes received. */
function recordResponses(page: Page): Map<string, number> {
  const bytes = new Map<string, number>();
  page.on('response', async (response) => {
    if (!response.ok()) return;
    const body = await response.body().catch(() => null);
    if (body) bytes.set(response.url(), body.length);
  });
  return bytes;
}

async function progressTotal(page: Page): Promise<number> {
  // A short wait: the bar is gone once the model is ready, and the loop then stops.
  const label = await page.getByRole('progressbar').getAttribute('aria-label', { timeout: 200 });
  return label ? Number(label.match(/of ([\d.]+) MB/)?.[1] ?? NaN) : NaN;
}

test('Auto passes over the fallback adapter: the run is on WASM and the page says why', async ({ page }) => {
  await page.goto('/?model=demo');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('backend')).toHaveText('WASM');
  await expect(page.getByTestId('backend-reason')).toContainText('Auto chose WASM');
  await expect(page.getByTestId('backend-reason')).toContainText('software fallback');
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  await expect(page.getByTestId('run-summary')).toContainText('ran on WASM');
});

test('a WASM-only first load fetches no WebGPU build, and the progress counts every byte', async ({ page }) => {
  const bytes = recordResponses(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const totals: number[] = [];
  await page.goto('/?model=demo&backend=wasm');
  const status = page.getByTestId('model-status');
  // Sample the progress label while the load runs: its total grows to the bytes fetched.
  while ((await status.getAttribute('data-status')) !== 'ready') {
    const total = await progressTotal(page).catch(() => NaN);
    if (Number.isFinite(total)) totals.push(total);
    await page.waitForTimeout(20);
  }
  await expect(page.getByTestId('backend')).toHaveText('WASM');
  expect(requests.filter((url) => /asyncify|jsep|jspi|ort\.webgpu/.test(url))).toEqual([]);
  expect(requests.some((url) => /ort-wasm-simd-threaded[^/]*\.wasm/.test(url))).toBe(true);

  // The load's progress, as the page kept it, against what crossed the wire for the runtime and the model.
  const files = await page.evaluate(() => {
    const entry = performance.getEntriesByName('bertology:model-ready').at(-1) as PerformanceMark | undefined;
    return ((entry?.detail as { files?: unknown } | undefined)?.files ?? {}) as Record<
      string,
      { loaded: number; total: number }
    >;
  });
  const counted = Object.values(files).reduce((sum, f) => sum + f.loaded, 0);
  await expect.poll(() => bytes.size).toBeGreaterThan(0);
  const transferred = [...bytes.entries()]
    .filter(([url]) => /\/models\/demo\/|ort-wasm-simd-threaded[^/]*\.wasm$/.test(url))
    .reduce((sum, [, n]) => sum + n, 0);
  expect(Object.keys(files).some((name) => name.startsWith('runtime:'))).toBe(true);
  expect(counted).toBe(transferred);
  expect(counted).toBeGreaterThan(14e6); // the 14 MB runtime is in the count, not just the 1.5 MB model
  if (totals.length) expect(Math.max(...totals)).toBeGreaterThan(14);
});
