/**
 * BERTology Lens mini, the trained offline default, in the app: the claims lab finds the
 * previous-token heads that PyTorch measured when the model was published (eval/attention.json),
 * and the attention view shows one of them doing it.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { exportJson, MODEL_WAIT_MS } from './app';

interface HeadStat {
  /** "head 2-3", 1-based. */
  head: string;
  fraction: number;
}
const torch = JSON.parse(readFileSync('static/models/mini/eval/attention.json', 'utf8')) as {
  heads_over_half_previous: HeadStat[];
};
const NOTE =
  'BERTology Lens mini: a 6-layer BERT trained on the Brown corpus; small, so expect weaker patterns than BERT-base.';

test.describe.configure({ timeout: 300_000 });

test('the claims lab on mini reports the previous-token heads PyTorch found, with no random-weights notice', async ({
  page,
}) => {
  await page.goto('/?section=claims&model=mini&backend=wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
  await expect(page.getByTestId('model-note')).toHaveText(NOTE);
  const lab = page.getByTestId('claims-lab');
  await lab.getByRole('tab', { name: 'Claims' }).click();
  await expect(lab.getByTestId('lab-notice')).toHaveCount(0);
  await expect(lab.getByText(/random/)).toHaveCount(0);
  await lab.locator('[data-claim="sep-middle"]').getByRole('button', { name: 'Run the experiment' }).click();
  const card = lab.locator('[data-claim="broad-neighbours"]');
  await expect(card.getByTestId('claim-verdict')).toHaveText(/^[1-9]\d* previous-token and \d+ next-token heads/, {
    timeout: 180_000,
  });
  // The strongest previous-token head PyTorch measured on held-out Brown text is among those
  // the lab found on its own corpus.
  const strongest = torch.heads_over_half_previous[0]!;
  expect(strongest.fraction).toBeGreaterThan(0.5);
  const row = card.getByRole('row', { name: /previous token/ });
  await expect(row).toContainText(strongest.head.replace(/^head /, ''));
});

test('the attention view of mini’s strongest previous-token head puts over half of each token’s attention on the one before', async ({
  page,
}) => {
  const strongest = torch.heads_over_half_previous[0]!;
  const [layer, head] = strongest.head
    .replace(/^head /, '')
    .split('-')
    .map((n) => Number(n));
  await page.goto(`/?section=attention&model=mini&backend=wasm&view=head&layer=${layer}&head=${head}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
  await page.getByLabel('Sentence A').fill('The old man walked slowly down the road to the village.');
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  const report = await exportJson(page);
  expect(report.model).toBe('BERTology Lens mini');
  const [, heads, seq] = report.dims;
  const base = ((layer! - 1) * heads! + (head! - 1)) * seq! * seq!;
  let previous = 0;
  for (let i = 1; i < seq!; i++) previous += report.attention[base + i * seq! + i - 1]!;
  expect(previous / (seq! - 1)).toBeGreaterThan(0.5);
});
