import { expect, test } from './fixtures';
import { exportJson, openDemo, rowLabels, typeSentence } from './app';

const TOKENS = ['[CLS]', 'the', 'keys', 'to', 'the', 'cabinet', 'are', 'on', 'the', 'table', '.', '[SEP]'];

test('type a sentence, see its tokens on the heatmap; layer and head change the picture', async ({ page }) => {
  await openDemo(page);
  await expect(page.getByText(/random-weight test model: its attention means nothing/)).toBeVisible();
  await typeSentence(page, 'The keys to the cabinet are on the table.');
  await expect(rowLabels(page)).toHaveText(TOKENS);
  await expect(page.locator('figure.matrix text.col-label')).toHaveText(TOKENS);
  await expect(page.getByTestId('run-summary')).toContainText('12 tokens · ran on WASM');

  const cells = page.locator('figure.matrix image');
  const first = await cells.screenshot();
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: '3' });
  await expect(page.locator('figure figcaption')).toContainText('head 3-1');
  const second = await cells.screenshot();
  expect(second.equals(first)).toBe(false);
  await page.getByLabel('Head', { exact: true }).selectOption({ label: '2' });
  await expect(page.locator('figure figcaption')).toContainText('head 3-2');
  const third = await cells.screenshot();
  expect(third.equals(second)).toBe(false);

  // Hovering a cell reads out the two tokens and the weight the engine computed.
  const report = await exportJson(page);
  const [, heads, seq] = report.dims as [number, number, number, number];
  const box = (await cells.boundingBox())!;
  const row = 2; // "keys"
  const col = 6; // "are"
  await page.mouse.move(box.x + ((col + 0.5) * box.width) / seq, box.y + ((row + 0.5) * box.height) / seq);
  const value = report.attention[((2 * heads + 1) * seq + row) * seq + col]!;
  await expect(page.getByTestId('hover-readout')).toHaveText(`“keys” → “are”: ${value.toFixed(4)}`);
});

test('a sentence pair shows both segments, with [SEP] between them', async ({ page }) => {
  await openDemo(page);
  await typeSentence(page, 'The cat sat on the mat.', 'It was tired.');
  await expect(rowLabels(page)).toHaveText([
    '[CLS]',
    'the',
    'cat',
    'sat',
    'on',
    'the',
    'mat',
    '.',
    '[SEP]',
    'it',
    'was',
    'tired',
    '.',
    '[SEP]',
  ]);
  const report = await exportJson(page);
  expect(report.tokenTypeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
});

test('text longer than the model maximum is cut, and the view says how much', async ({ page }) => {
  await openDemo(page);
  const long = Array.from({ length: 600 }, (_, i) => (i % 2 ? 'cat' : 'dog')).join(' ');
  await typeSentence(page, long);
  await expect(page.getByTestId('run-notice')).toContainText('the last 90 tokens were left out');
  await expect(page.getByTestId('run-summary')).toContainText('512 tokens');
});

test('empty text gets a clear message, and the last picture stays', async ({ page }) => {
  await openDemo(page);
  await typeSentence(page, 'The cat sat.');
  await page.getByLabel('Sentence A').fill('   ');
  await expect(page.getByRole('alert')).toContainText('There is no text to analyse.');
  await expect(rowLabels(page)).toHaveText(['[CLS]', 'the', 'cat', 'sat', '.', '[SEP]']);
});

test('when the Hub cannot be reached the app opens the trained offline model instead, and says so', async ({
  page,
  context,
}) => {
  await context.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await page.getByTestId('start-bert-base').click();
  const fallback = page.getByTestId('fallback-notice');
  await expect(fallback).toContainText('Xenova/bert-base-uncased could not be loaded from the Hugging Face Hub', {
    timeout: 90_000,
  });
  await expect(fallback).toContainText('Showing BERTology Lens mini');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('header-model')).toContainText('BERTology Lens mini');
  await expect(page.getByTestId('model-note')).toHaveText(
    'BERTology Lens mini: a 6-layer BERT trained on the Brown corpus; small, so expect weaker patterns than BERT-base.',
  );
  await expect(page).toHaveURL(/model=mini/);
  await expect(rowLabels(page).first()).toHaveText('[CLS]');
  await expect(page.getByText('random weights')).toHaveCount(0);

  // A Hub id typed by hand is not replaced: the error says why and offers the offline model.
  await page.getByLabel('Model (Hugging Face id)').fill('Xenova/bert-base-uncased');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not download config.json from the Hugging Face Hub', { timeout: 60_000 });
  await expect(alert).toContainText('BERTology Lens mini');
  await alert.getByRole('button', { name: 'Use BERTology Lens mini (offline)' }).click();
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('model-status')).toContainText('BERTology Lens mini · 6 layers × 8 heads');
});

test('a model folder picked from disk loads and runs', async ({ page }) => {
  await openDemo(page);
  await page.getByLabel('Open folder…').setInputFiles('fixtures/tiny');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByTestId('model-status')).toContainText('tiny · 2 layers × 4 heads');
  await typeSentence(page, 'The cat sat.');
  await expect(rowLabels(page)).toHaveText(['[CLS]', 'the', 'cat', 'sat', '.', '[SEP]']);
});
