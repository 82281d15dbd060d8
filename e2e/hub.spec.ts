import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Route } from './fixtures';
import { rowLabels, typeSentence } from './app';

// A stand-in for the Hugging Face Hub, serving the generated tiny model under a made-up id.
// (The real Hub cannot be reached from this machine; the app's code path is the same.)
const ID = 'test-org/tiny-bert';
const FILES = new Set(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']);

function serveHub(context: BrowserContext, onModel?: (route: Route, body: Buffer) => Promise<void> | void) {
  return context.route('https://huggingface.co/**', async (route) => {
    const match = new RegExp(`^https://huggingface\\.co/${ID}/resolve/main/(.+)$`).exec(route.request().url());
    const file = match?.[1];
    if (!file || !FILES.has(file)) return route.fulfill({ status: file ? 404 : 401, body: '' });
    const body = readFileSync(`fixtures/tiny/${file}`);
    if (file === 'onnx/model.onnx' && onModel) return onModel(route, body);
    return route.fulfill({ status: 200, body, headers: { 'content-length': String(body.length) } });
  });
}

async function loadHub(page: import('./fixtures').Page, id: string) {
  await page.getByLabel('Model (Hugging Face id)').fill(id);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

test('a Hub model downloads with progress, runs, and loads again offline from the cache', async ({ page, context }) => {
  // The model file takes a moment to arrive, as a real download would.
  await serveHub(context, async (route, body) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill({ status: 200, body, headers: { 'content-length': String(body.length) } });
  });
  await page.goto('/?model=demo&backend=wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await loadHub(page, ID);
  await expect(page.getByRole('progressbar', { name: /^Downloading .+ of .+$/ })).toBeVisible();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('model-status')).toContainText(`${ID} · 2 layers × 4 heads`);
  await typeSentence(page, 'The cat sat.');
  await expect(rowLabels(page)).toHaveText(['[CLS]', 'the', 'cat', 'sat', '.', '[SEP]']);

  // Offline: every request to the Hub now fails, but the files are in the browser's cache.
  await context.unroute('https://huggingface.co/**');
  await context.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await loadHub(page, ID);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('model-status')).toContainText(ID);
});

test('an unknown model id gets a clear message', async ({ page, context }) => {
  await serveHub(context);
  await page.goto('/?model=demo&backend=wasm');
  await loadHub(page, 'nobody/no-such-model');
  await expect(page.getByRole('alert')).toContainText(
    '"nobody/no-such-model" was not found on the Hugging Face Hub, or it is private or gated.',
  );
});

test('a download that keeps breaking off is reported, never cached, and works once the network does', async ({
  page,
  context,
}) => {
  let broken = true;
  await serveHub(context, (route, body) =>
    // A body cut at a third, under a header that promises all of it.
    broken
      ? route.fulfill({
          status: 200,
          body: body.subarray(0, body.length / 3),
          headers: { 'content-length': String(body.length) },
        })
      : route.fulfill({ status: 200, body, headers: { 'content-length': String(body.length) } }),
  );
  await page.goto('/?model=demo&backend=wasm');
  await loadHub(page, ID);
  await expect(page.getByRole('alert')).toContainText(/The download of onnx\/model\.onnx (broke off|is incomplete)/, {
    timeout: 60_000,
  });
  await expect(page.getByRole('alert')).toContainText('Nothing incomplete was kept.');
  broken = false;
  await loadHub(page, ID);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
});
