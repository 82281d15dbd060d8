import { expect, test } from './fixtures';
import { typeSentence } from './app';

// Rollout of long inputs runs as an ONNX graph in the engine worker's runtime (WASM here).

test('rollout in the engine runtime equals the JS reference within 1e-5 (bert-base shape, 128 tokens)', async ({
  page,
}) => {
  await page.goto('/?bench=128&view=matrix');
  await page.waitForFunction(() => !!window.__bertologyBench);
  const result = await page.evaluate(() => window.__bertologyBench!.rollout(128, true));
  expect(result.maxDiff).not.toBeNull();
  expect(result.maxDiff!).toBeLessThanOrEqual(1e-5);
  expect(result.runtimeMs).toBeGreaterThan(0);
});

test('a long input shows its rollout, computed from the attention the engine kept', async ({ page }) => {
  test.setTimeout(300_000); // loads the demo and runs a 176-token input on a shared 2-core machine
  await page.goto('/?model=demo&backend=wasm&view=matrix&agg=rollout');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 200_000 });
  // 4 layers × 176 tokens is past the size rolled out on the main thread.
  await typeSentence(page, 'the cat sat on the mat . '.repeat(25).trim());
  const figure = page.locator('figure.matrix');
  await expect(figure).toBeVisible({ timeout: 90_000 });
  await expect(figure.locator('figcaption')).toContainText('rollout');
  await expect(page.getByText(/Attention rollout failed/)).toHaveCount(0);
  // What a person sees: the heatmap is painted (not a blank or uniform image).
  const shot = await figure.locator('image').screenshot();
  expect(shot.length).toBeGreaterThan(2000);
});
