/**
 * Issue 13 in the browser: results never outlive their model, loads can be cancelled and
 * superseded, long text survives a reload, repeated pins and file picks do not break the page,
 * and what was chosen for one model is fitted to the next with a notice. The shared fixture
 * fails every test here on any page error, unhandled rejection or unexpected console.error.
 */
import { expect, test, type Page } from './fixtures';
import { exportJson, MODEL_WAIT_MS, openDemo, showSection } from './app';

test.describe.configure({ timeout: Math.max(120_000, 3 * MODEL_WAIT_MS) });

async function settled(page: Page) {
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: MODEL_WAIT_MS });
}

async function openTinyFolder(page: Page) {
  await page.getByLabel('Open folder…').setInputFiles('fixtures/tiny');
  await expect(page.getByTestId('model-status')).toContainText('tiny · 2 layers × 4 heads', { timeout: MODEL_WAIT_MS });
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
}

test('defect 1: after ablating 4-* on the 4-layer demo, a 2-layer model shows and exports only its own numbers', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByLabel('Sentence A').fill('The keys to the cabinet [MASK] on the table.');
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel(/Heads to switch off/).fill('4-*');
  await page.getByRole('button', { name: 'Ablate', exact: true }).click();
  await settled(page);
  expect((await exportJson(page)).dims).toEqual([4, 4, 12, 12]);

  await openTinyFolder(page);
  await expect(page.getByTestId('model-status')).toContainText(
    'Ablated heads 4-1, 4-2, 4-3, 4-4 dropped: this model has 2 layers of 4 heads.',
  );
  await settled(page);
  await expect(page.getByRole('alert')).toHaveCount(0); // no "Head 4-1 does not exist"
  const report = await exportJson(page);
  expect(report.dims.slice(0, 2)).toEqual([2, 4]);
  expect(report.model).toBe('tiny');
  expect(report.ablated).toEqual([]);
});

test('defect 2 and 11: a Hub load that never answers can be cancelled or replaced by another load', async ({
  page,
  context,
}) => {
  // A Hub that accepts the request and never answers.
  await context.route('https://huggingface.co/**', () => new Promise(() => undefined));
  await openDemo(page);
  await page.getByLabel('Model (Hugging Face id)').fill('silent-org/never-answers');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'loading');
  await expect(page.getByLabel('Backend')).toBeDisabled();
  // The offline model replaces the stuck load instead of waiting behind it.
  await page.getByRole('button', { name: 'Offline model' }).click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
  await expect(page.getByTestId('model-status')).toContainText('BERTology Lens mini · 6 layers × 8 heads');
  await expect(page.getByLabel('Backend')).toBeEnabled();

  await page.getByLabel('Model (Hugging Face id)').fill('silent-org/never-answers');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel loading' }).click();
  await expect(page.getByRole('alert')).toContainText('Loading was cancelled.');
  await expect(page.getByRole('button', { name: 'Use BERTology Lens mini (offline)' })).toBeVisible();
  await expect(page.getByTestId('results')).toHaveCount(0);
});

test('defect 3: a 20,000-character CJK text survives a reload, in an address under 8 KB', async ({ page }) => {
  await openDemo(page);
  let x = 7;
  const text = Array.from({ length: 20_000 }, () => {
    x = (x * 48271) % 2147483647;
    return String.fromCodePoint(0x4e00 + (x % 20000));
  }).join('');
  await page.getByLabel('Sentence A').fill(text);
  await expect(page.getByTestId('link-notice')).toContainText('a shared link will not carry it');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#local=/);
  expect(await page.evaluate(() => location.href.length)).toBeLessThan(8000);
  const response = await page.reload();
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
  await expect(page.getByLabel('Sentence A')).toHaveValue(text);

  // A text that fits travels compressed in the link itself.
  const repetitive = '猫が座った。'.repeat(1000);
  await page.getByLabel('Sentence A').fill(repetitive);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#z=/);
  await page.reload();
  await expect(page.getByLabel('Sentence A')).toHaveValue(repetitive, { timeout: MODEL_WAIT_MS });
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
});

test('defect 4: pinning the same word twice shows it once and the view keeps working', async ({ page }) => {
  await openDemo(page);
  await page.getByLabel('Sentence A').fill('The cat [MASK] on the mat.');
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel('Pinned words (comma-separated)').fill('is, is, are, is');
  await page.getByRole('button', { name: 'Pin' }).click();
  await settled(page);
  await expect(page.getByTestId('pinned-row')).toHaveCount(2);
  await expect(page.getByLabel('Pinned words (comma-separated)')).toHaveValue('is, are');
  await page.getByLabel('Sentence A').fill('A dog [MASK] here.');
  await settled(page);
  await expect(page.getByTestId('pinned-row')).toHaveCount(2);
});

test('defect 8: picking a data file raises no error and clears the input for the next pick', async ({ page }) => {
  await openDemo(page);
  await showSection(page, 'Claims lab');
  const lab = page.getByTestId('claims-lab');
  await lab.getByRole('tab', { name: 'Head statistics' }).click();
  await lab.getByLabel('a corpus').check();
  const input = lab.getByTestId('probe-sep').getByLabel(/Load a file/);
  const file = (lines: string[]) => ({
    name: 'mine.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(lines.join('\n')),
  });
  await input.setInputFiles(file(['The dog barked.']));
  await expect(lab.getByTestId('probe-sep-dataset')).toHaveText('Data: mine.txt (1 inputs)');
  await expect(input).toHaveValue('');
  await input.setInputFiles(file(['The dog barked.', 'A cat sat.']));
  await expect(lab.getByTestId('probe-sep-dataset')).toHaveText('Data: mine.txt (2 inputs)');
});

test('defect 11: switched-off heads and sweeps of the old model do not outlive it; the address follows', async ({
  page,
}) => {
  await page.goto('/?model=demo&backend=wasm&off=4-1,1-2,3-*');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel('Survey example').selectOption({ label: 'Related role fillers — Ettinger (2019)' });
  await settled(page);
  await page.getByRole('button', { name: 'Sweep: ablate each layer' }).click();
  await expect(page.getByTestId('sweep-chart')).toBeVisible({ timeout: MODEL_WAIT_MS });
  await expect.poll(() => page.evaluate(() => location.search)).toContain('off=1-2%2C4-1%2C3-*');

  await openTinyFolder(page);
  await expect(page.getByTestId('model-status')).toContainText(
    'Switched-off head 4-1 dropped: this model has 2 layers of 4 heads.',
  );
  await expect(page.getByTestId('model-status')).toContainText(
    '1 switched-off layer dropped: this model has 2 layers.',
  );
  await expect(page.getByTestId('sweep-chart')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.search)).toContain('off=1-2&');
});

test('issue 9 item 6: ablation and pinned words are kept in the address and restored', async ({ page }) => {
  await page.goto('/?model=demo&backend=wasm&ablate=1-2,4-*&pin=is,are#text=The+cat+%5BMASK%5D+on+the+mat.');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
  await settled(page);
  await expect(page.getByLabel('Sentence A')).toHaveValue('The cat [MASK] on the mat.');
  await showSection(page, 'Masked-LM lab');
  await expect(page.getByTestId('ablation-status')).toHaveText('5 heads ablated: 1-2, 4-1, 4-2, 4-3, 4-4.');
  await expect(page.getByTestId('pinned-row')).toHaveCount(2);
  await page.getByLabel('Pinned words (comma-separated)').fill('sat');
  await page.getByRole('button', { name: 'Pin' }).click();
  await settled(page);
  await expect.poll(() => page.evaluate(() => location.search)).toMatch(/ablate=1-2%2C4-\*&pin=sat/);
});

test('defect 5 and 11: a 1 MB paste is cut before tokenizing with a notice; 600 [MASK]s are drawn in batches', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByLabel('Sentence A').fill('the cat sat on a mat '.repeat(50_000));
  await expect(page.getByTestId('run-notice')).toContainText('only its first 102,400 characters were read', {
    timeout: MODEL_WAIT_MS,
  });
  await page.getByLabel('Sentence A').fill('[MASK] '.repeat(600));
  await settled(page);
  await showSection(page, 'Masked-LM lab');
  await expect(page.getByTestId('mask-prediction')).toHaveCount(20);
  await expect(page.getByTestId('more-masks')).toHaveText('Show 100 more of 510 [MASK]s');
});
