import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { openDemo, rowLabels, typeSentence } from './app';

/** Any alert(), confirm() or prompt() would mean user text ran as code. */
function failOnDialogs(page: Page) {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
}

test('rapid typing: the view ends on the last text, never an older run', async ({ page }) => {
  await openDemo(page);
  const box = page.getByLabel('Sentence A');
  await box.fill('');
  await box.pressSequentially('The dog sat on the mat and the cat slept', { delay: 15 });
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  await expect(rowLabels(page)).toHaveText([
    '[CLS]',
    'the',
    'dog',
    'sat',
    'on',
    'the',
    'mat',
    'and',
    'the',
    'cat',
    'slept',
    '[SEP]',
  ]);
});

test('emoji, CJK, right-to-left, combining marks, zero-width and control characters run without an error', async ({
  page,
}) => {
  failOnDialogs(page);
  await openDemo(page);
  await typeSentence(page, 'Hi 👩‍👩‍👧 日本語 שלום مرحبا e\u0301 zero\u200bwidth bell\u0007 tab\tend.');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(rowLabels(page).first()).toHaveText('[CLS]');
  await expect(rowLabels(page).last()).toHaveText('[SEP]');
  expect(await rowLabels(page).count()).toBeGreaterThan(8);
});

test('markup and script in the text stay text', async ({ page }) => {
  failOnDialogs(page);
  await openDemo(page);
  const scriptsBefore = await page.locator('script').count();
  await typeSentence(page, '<svg onload=alert(1)> </text> <script>alert(2)</script> <img src=x onerror=alert(3)>');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await page.locator('script').count()).toBe(scriptsBefore);
  expect(await page.locator('svg[onload], img[onerror], img[src="x"]').count()).toBe(0);
  await expect(page.getByLabel('Sentence A')).toHaveValue(/<svg onload=alert\(1\)>/);
});

test('10,000 words are cut to the model maximum with a notice, without hanging', async ({ page }) => {
  await openDemo(page);
  const words = Array.from({ length: 10_000 }, (_, i) => ['the', 'cat', 'sat', 'on', 'a', 'mat'][i % 6]).join(' ');
  await typeSentence(page, words);
  await expect(page.getByTestId('run-notice')).toContainText("longer than this model's maximum of 512 tokens");
  await expect(page.getByTestId('run-notice')).toContainText('the last 9490 tokens were left out');
  await expect(page.getByTestId('run-summary')).toContainText('512 tokens');
});

test('forcing WebGPU where there is no adapter falls back to WASM and says so', async ({ page }) => {
  // This project's Chromium runs without --enable-unsafe-webgpu: no adapter.
  await page.goto('/?model=demo&backend=webgpu');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('backend')).toHaveText('WASM');
  await expect(page.getByTestId('model-status')).toContainText('WebGPU was chosen, but this browser offers no adapter');
});

test.describe('model folders that cannot be shown get a specific message', () => {
  const corrupt = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bertology-corrupt-'));
    mkdirSync(join(dir, 'onnx'));
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json'])
      copyFileSync(`fixtures/tiny/${f}`, join(dir, f));
    const model = readFileSync('fixtures/tiny/onnx/model.onnx');
    writeFileSync(join(dir, 'onnx/model.onnx'), model.subarray(0, Math.floor(model.length / 2)));
    return dir;
  };
  const cases: [string, () => string, RegExp][] = [
    [
      'fused attention',
      () => 'fixtures/fused-attention',
      /computes attention in one fused operator \(com\.microsoft Attention\)/,
    ],
    ['not BERT-like', () => 'fixtures/not-bert', /describes a "resnet" model without attention heads/],
    ['the wrong layout', () => 'e2e', /has no config\.json, so it is not a model folder in the Hugging Face layout/],
    ['a truncated model file', corrupt, /not a readable ONNX file|could not load the model/],
  ];
  for (const [name, folder, message] of cases) {
    test(name, async ({ page }) => {
      await openDemo(page);
      await typeSentence(page, 'The cat sat.');
      await page.getByLabel('Open folder…').setInputFiles(folder());
      await expect(page.getByRole('alert')).toContainText(message, { timeout: 60_000 });
      // The text is still there to run once a good model is loaded.
      await expect(page.getByLabel('Sentence A')).toHaveValue('The cat sat.');
    });
  }
});
