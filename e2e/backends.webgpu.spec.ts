import { expect, test } from './fixtures';
import { exportJson, maxAbsDiff, openDemo, typeSentence } from './app';

// Chromium runs here with --enable-unsafe-webgpu: SwiftShader gives a real (CPU) WebGPU adapter.
test('the WebGPU backend runs, and its attention agrees with WASM within 1e-4', async ({ page }) => {
  const text = 'The keys to the cabinet are on the table.';
  await openDemo(page, 'webgpu');
  await expect(page.getByTestId('backend')).toHaveText('WEBGPU');
  await typeSentence(page, text);
  const gpu = await exportJson(page);
  expect(gpu.backend).toBe('webgpu');

  // Switching the backend, as a person would, reloads the model on WASM.
  await page.getByLabel('Backend').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveText('WASM', { timeout: 90_000 });
  await typeSentence(page, text);
  const cpu = await exportJson(page);
  expect(cpu.backend).toBe('wasm');

  expect(gpu.tokens).toEqual(cpu.tokens);
  expect(gpu.dims).toEqual(cpu.dims);
  expect(maxAbsDiff(gpu.attention, cpu.attention)).toBeLessThanOrEqual(1e-4);
});
