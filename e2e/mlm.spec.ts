import { expect, test, type Page } from './fixtures';
import { openDemo, showSection } from './app';

async function settled(page: Page) {
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
}

async function pinnedTexts(page: Page): Promise<string[]> {
  return page.getByTestId('pinned-row').allInnerTexts();
}

test('a survey template fills the text and pins the words it is about', async ({ page }) => {
  await openDemo(page);
  await showSection(page, 'Masked-LM lab');
  await page
    .getByLabel('Survey example')
    .selectOption({ label: 'Subject-verb agreement across a distractor — Goldberg (2019)' });
  await expect(page.getByLabel('Sentence A')).toHaveValue('The keys to the cabinet [MASK] on the table.');
  await expect(page.getByText('BERT makes the verb agree with its subject')).toBeVisible();
  await settled(page);
  const rows = page.getByTestId('pinned-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator('td')).toHaveText(['is', /^\d+\.\d\d%$/, /^\d+$/]);
  await expect(rows.nth(1).locator('td')).toHaveText(['are', /^\d+\.\d\d%$/, /^\d+$/]);
  // The top 10, less the special tokens and punctuation left out (and named) by default.
  const shown = await page.getByTestId('mask-prediction').locator('ol li').count();
  const hidden = page.getByTestId('hidden-guesses');
  const left = (await hidden.count()) ? Number((await hidden.innerText()).split(' ')[0]) : 0;
  expect(shown + left).toBe(10);
});

test('ablating heads changes the predictions and the maps; restoring them brings back the exact numbers', async ({
  page,
}) => {
  await openDemo(page);
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel('Sentence A').fill('The keys to the cabinet [MASK] on the table.');
  await page.getByLabel('Pinned words (comma-separated)').fill('is, are, the');
  await page.getByRole('button', { name: 'Pin' }).click();
  await settled(page);
  const before = await pinnedTexts(page);
  const topBefore = await page.getByTestId('mask-prediction').locator('ol').innerText();
  const map = page.locator('figure.matrix image');
  await showSection(page, 'Attention');
  const mapBefore = await map.screenshot();
  await showSection(page, 'Masked-LM lab');

  await page.getByLabel(/Heads to switch off/).fill('1-*, 2-1');
  await page.getByRole('button', { name: 'Ablate', exact: true }).click();
  await expect(page.getByTestId('ablation-status')).toHaveText('5 heads ablated: 1-1, 1-2, 1-3, 1-4, 2-1.');
  await settled(page);
  await expect(page.getByRole('columnheader', { name: 'change from ablation' })).toBeVisible();
  await expect.poll(() => pinnedTexts(page)).not.toEqual(before);
  expect(await page.getByTestId('mask-prediction').locator('ol').innerText()).not.toBe(topBefore);
  await showSection(page, 'Attention');
  expect((await map.screenshot()).equals(mapBefore)).toBe(false); // head 1-1 is off: its map is empty
  await showSection(page, 'Masked-LM lab');

  await page.getByRole('button', { name: 'Restore all heads' }).click();
  await expect(page.getByTestId('ablation-status')).toHaveText('All heads are on.');
  await settled(page);
  await expect.poll(() => pinnedTexts(page)).toEqual(before);
  expect(await page.getByTestId('mask-prediction').locator('ol').innerText()).toBe(topBefore);
  await showSection(page, 'Attention');
  expect((await map.screenshot()).equals(mapBefore)).toBe(true);
});

test('a head outside the model is refused in plain words', async ({ page }) => {
  await openDemo(page);
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel(/Heads to switch off/).fill('9-1');
  await page.getByRole('button', { name: 'Ablate', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Head "9-1" is out of range: the model has 4 layers.');
  await expect(page.getByTestId('ablation-status')).toHaveText('All heads are on.');
});

test('the layer sweep shows progress, charts every layer, and can be cancelled', async ({ page }) => {
  await openDemo(page);
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel('Survey example').selectOption({ label: 'Related role fillers — Ettinger (2019)' });
  await settled(page);
  await page.getByRole('button', { name: 'Sweep: ablate each layer' }).click();
  await expect(page.getByTestId('sweep-chart')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/^Top guess: none: .* · 1: .* · 2: .* · 3: .* · 4: /)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sweep-chart').locator('polyline')).toHaveCount(3); // waiter, chef, robin
  await expect(page.getByTestId('sweep-chart').locator('polyline').first()).toHaveAttribute('points', /(\S+ ){4}\S+/);

  // The demo model sweeps in a blink, so watch the page and press Cancel the moment it appears.
  const seen = await page.evaluate(
    () =>
      new Promise<{ progress: boolean; cancelled: boolean }>((resolve) => {
        const state = { progress: false, cancelled: false };
        const observer = new MutationObserver(() => {
          if (document.querySelector('[role=progressbar]')) state.progress = true;
          const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
          if (cancel && !state.cancelled) {
            state.cancelled = true;
            cancel.click();
            observer.disconnect();
            resolve(state);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        const sweep = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Sweep: ablate each layer',
        );
        sweep?.click();
        setTimeout(() => resolve(state), 10_000);
      }),
  );
  expect(seen).toEqual({ progress: true, cancelled: true });
  await expect(page.getByTestId('sweep-note')).toHaveText(/^Cancelled after [0-4] of 5 runs\.$/);
});

test('perturbations run side by side with the original', async ({ page }) => {
  await openDemo(page);
  await showSection(page, 'Masked-LM lab');
  await page
    .getByLabel('Survey example')
    .selectOption({ label: 'Subject-verb agreement across a distractor — Goldberg (2019)' });
  await settled(page);
  await page.getByRole('button', { name: 'Remove subject “keys”' }).click();
  await expect(page.getByLabel('Second input')).toHaveValue('The to the cabinet [MASK] on the table.');
  await expect(page.getByTestId('predictions')).toHaveCount(3);
  await page.getByRole('button', { name: 'Shuffle words' }).click();
  await expect(page.getByLabel('Second input')).not.toHaveValue('The keys to the cabinet [MASK] on the table.');
  await expect(page.getByTestId('predictions').nth(2)).toContainText('[MASK] 1');
});

test('heads switched off in the views can be ablated inside the model in one click', async ({ page }) => {
  await page.goto('/?model=demo&backend=wasm&text=The+keys+to+the+cabinet+%5BMASK%5D+on+the+table.&off=1-2,3-*');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await settled(page);
  await showSection(page, 'Masked-LM lab');
  const before = await page.getByTestId('mask-prediction').locator('ol').innerText();
  await page.getByRole('button', { name: 'Ablate the 5 heads switched off in the views' }).click();
  await expect(page.getByTestId('ablation-status')).toHaveText('5 heads ablated: 1-2, 3-1, 3-2, 3-3, 3-4.');
  await settled(page);
  await expect.poll(() => page.getByTestId('mask-prediction').locator('ol').innerText()).not.toBe(before);
});
