/**
 * From a claim to a head in one click: every head the labs name opens in the attention views,
 * with the same layer and head, on the sentence the number came from where there is one.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { openDemo, showSection } from './app';

const COREF_EXAMPLE = 'The trophy did not fit in the suitcase because it was too big.';

/** The attention section shows head `layer-head` (1-based) in the matrix view. */
async function expectHeadOpened(page: Page, name: string, sentence?: string) {
  const [layer, head] = name.replace('head ', '').split('-').map(Number) as [number, number];
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.locator('[aria-current="page"]')).toHaveText('Attention');
  await expect(page.getByTestId('view-panel')).toHaveAttribute('data-view', 'matrix');
  await expect(page.getByTestId('results').getByLabel('Layer', { exact: true })).toHaveValue(String(layer - 1));
  await expect(page.getByTestId('results').getByLabel('Head', { exact: true })).toHaveValue(String(head - 1));
  await expect(page.getByTestId('results').getByLabel('Aggregate')).toHaveValue('head');
  if (sentence !== undefined) await expect(page.getByLabel('Sentence A')).toHaveValue(sentence);
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 180_000 });
  await expect(page.locator('figure.matrix figcaption')).toContainText(`head ${layer}-${head}`);
  if (sentence !== undefined) await expect(page.locator('figure.matrix figcaption')).toContainText(sentence);
}

async function claimsTab(page: Page, tab: string): Promise<Locator> {
  await openDemo(page);
  await showSection(page, 'Claims lab');
  const lab = page.getByTestId('claims-lab');
  await lab.getByRole('tab', { name: tab }).click();
  return lab;
}

test.describe.configure({ timeout: 300_000 });

test('a claim card’s heads open on the claim’s example sentence', async ({ page }) => {
  const lab = await claimsTab(page, 'Claims');
  const card = lab.locator('[data-claim="coref-head"]');
  // The demo model has no head 5-4: the statement names it as plain text, saying why.
  await expect(card.getByRole('heading')).toContainText('head 5-4');
  await expect(card.getByRole('heading').getByTestId('head-link')).toHaveCount(0);
  await card.getByRole('button', { name: 'Run the experiment' }).click();
  const link = card.getByTestId('claim-verdict').getByTestId('head-link');
  await expect(link).toHaveText(/^head \d-\d$/, { timeout: 120_000 });
  const name = (await link.textContent())!;
  await link.click();
  await expectHeadOpened(page, name, COREF_EXAMPLE);
});

test('a cell of the head-statistics map, and a head in its list, open that head', async ({ page }) => {
  const lab = await claimsTab(page, 'Head statistics');
  const sentence = await page.getByLabel('Sentence A').inputValue();
  const cell = lab.getByTestId('stats-grid').locator('rect[data-tip^="head 3-2:"]');
  await cell.click();
  await expectHeadOpened(page, 'head 3-2', sentence);

  await showSection(page, 'Claims lab');
  const top = lab.getByTestId('stats-top').getByTestId('head-link').first();
  const name = (await top.textContent())!;
  await top.click();
  await expectHeadOpened(page, name, sentence);
});

test('the coreference ranking and the probe set’s best heads open their heads', async ({ page }) => {
  const lab = await claimsTab(page, 'Coreference');
  const sentence = await page.getByLabel('Sentence A').inputValue();
  const chips = lab.getByTestId('word-chips');
  await chips.getByRole('button', { name: 'it', exact: true }).click();
  await chips.getByRole('button', { name: 'cat', exact: true }).click();
  const first = lab.getByTestId('pair-head').first().getByTestId('head-link');
  const name = (await first.textContent())!;
  await first.click();
  await expectHeadOpened(page, name, sentence);

  await showSection(page, 'Claims lab');
  const runner = lab.getByTestId('probe-coref');
  await runner.getByRole('button', { name: 'Run on 89 items' }).click();
  await expect(runner.getByTestId('probe-coref-done')).toContainText('89 of 89 items scored', { timeout: 120_000 });
  const best = lab.getByTestId('coref-best').first().getByTestId('head-link');
  const bestName = (await best.textContent())!;
  await best.click();
  await expectHeadOpened(page, bestName, COREF_EXAMPLE);
});

test('a relation’s best head in the syntax table opens on a sentence with that relation', async ({ page }) => {
  const lab = await claimsTab(page, 'Syntax');
  const runner = lab.getByTestId('probe-deps');
  await runner.getByRole('button', { name: /^Run on \d+ sentences$/ }).click();
  await expect(runner.getByTestId('probe-deps-done')).toBeVisible({ timeout: 120_000 });
  const row = lab.locator('[data-testid="relation-row"][data-relation="det"]');
  const link = row.getByTestId('head-link');
  const name = (await link.textContent())!;
  // The chosen treebank sentence (the first) has a det arc, so the head opens on it.
  const option = await lab.getByLabel('Sentence', { exact: true }).locator('option:checked').textContent();
  await link.click();
  const sentence = await page.getByLabel('Sentence A').inputValue();
  expect(option).toContain(sentence.slice(0, 40));
  await expectHeadOpened(page, name, sentence);
});

test('a layer of the masked-LM sweep opens that layer’s heads', async ({ page }) => {
  await openDemo(page);
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel('Survey example').selectOption({ label: 'Related role fillers — Ettinger (2019)' });
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 180_000 });
  await page.getByRole('button', { name: 'Sweep: ablate each layer' }).click();
  const chart = page.getByTestId('sweep-chart');
  await expect(chart.getByTestId('sweep-layer')).toHaveCount(4, { timeout: 120_000 });
  await chart.getByRole('link', { name: 'Open layer 2 in the attention views' }).click();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.locator('[aria-current="page"]')).toHaveText('Attention');
  await expect(page.getByLabel('Layer', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Aggregate')).toHaveValue('mean');
  await expect(page.locator('figure.matrix figcaption')).toContainText('layer 2');
});
