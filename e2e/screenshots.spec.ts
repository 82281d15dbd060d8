/**
 * Screenshot regression tests: each view's figure (not the page around it) on the known-heads
 * model, light and dark, on Debian's Chromium with DejaVu Sans (fonts-dejavu-core), device scale 1,
 * a fixed viewport and no animations. Baselines live in e2e/screenshots.spec.ts-snapshots/;
 * regenerate them after a deliberate change with `--update-snapshots`.
 */
import { expect, test } from './fixtures';
import { modelPainted, openKnown, showView } from './known';

test.use({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
// Loading the model is quick on an idle machine; the margin is for a busy one.
test.setTimeout(180_000);

const OPTIONS = { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' } as const;

for (const theme of ['light', 'dark'] as const) {
  test(`every view looks as it did (${theme})`, async ({ page }) => {
    await openKnown(page, theme);
    await showView(page, 'Head');
    await expect(page.getByTestId('head-lines')).toHaveAttribute('data-complete', 'true');
    await expect(page.locator('figure.head')).toHaveScreenshot(`head-${theme}.png`, OPTIONS);

    // An aggregate: the mean of layer 1's heads, in one colour.
    await page.getByLabel('Aggregate').selectOption('mean');
    await expect(page.getByTestId('head-lines')).toHaveAttribute('data-complete', 'true');
    await expect(page.locator('figure.head')).toHaveScreenshot(`head-mean-${theme}.png`, OPTIONS);
    await page.getByLabel('Aggregate').selectOption('head');

    await showView(page, 'Matrix');
    await expect(page.locator('figure.matrix')).toHaveScreenshot(`matrix-${theme}.png`, OPTIONS);

    // The model view with a head switched off (hatched).
    await showView(page, 'Model');
    await page.getByRole('button', { name: 'layer 2 on' }).click();
    await modelPainted(page);
    await expect(page.locator('figure.model')).toHaveScreenshot(`model-${theme}.png`, OPTIONS);
  });
}
