import { expect, test } from './fixtures';
import { openDemo, rowLabels, typeSentence } from './app';

test('when the engine worker dies, the app restarts it and keeps the text and settings', async ({ page }) => {
  await openDemo(page);
  await page.getByLabel('Backend').selectOption('wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await typeSentence(page, 'The dog barked.', 'It was loud.');
  await page.getByLabel('Layer', { exact: true }).selectOption({ label: '2' });

  // Kill the worker the way a crash does: an error nothing inside it catches.
  const [worker] = page.workers();
  expect(worker).toBeDefined();
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  });

  await expect(page.getByTestId('engine-notice')).toHaveText(
    'The engine stopped unexpectedly (Uncaught Error: simulated crash); it was restarted. Your text and settings are kept.',
  );
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByLabel('Sentence A')).toHaveValue('The dog barked.');
  await expect(page.getByLabel(/Sentence B/)).toHaveValue('It was loud.');
  await expect(page.getByLabel('Backend')).toHaveValue('wasm');
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('1');
  await expect(rowLabels(page)).toHaveText([
    '[CLS]',
    'the',
    'dog',
    'barked',
    '.',
    '[SEP]',
    'it',
    'was',
    'loud',
    '.',
    '[SEP]',
  ]);
  // The fresh worker answers new requests.
  await typeSentence(page, 'The cat sat.', '');
  await expect(rowLabels(page)).toHaveText(['[CLS]', 'the', 'cat', 'sat', '.', '[SEP]']);
});

test('an out-of-memory abort inside the engine is treated as a crash: fresh worker, same text', async ({ page }) => {
  await openDemo(page);
  await typeSentence(page, 'The dog barked.');
  // Make the worker's next run fail the way an exhausted WebAssembly heap does ("Aborted(OOM)").
  const [worker] = page.workers();
  await worker!.evaluate(() => {
    performance.now = () => {
      throw new Error('Aborted(OOM)');
    };
  });
  await page.getByLabel('Sentence A').fill('The cat sat.');
  await expect(page.getByTestId('engine-notice')).toContainText(
    'The engine stopped unexpectedly (The model could not run: Aborted(OOM)); it was restarted.',
  );
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await expect(page.getByLabel('Sentence A')).toHaveValue('The cat sat.');
  await expect(rowLabels(page)).toHaveText(['[CLS]', 'the', 'cat', 'sat', '.', '[SEP]']);
});
