/** Helpers shared by the end-to-end tests: load the demo model, wait for a run, export its numbers. */
import { readFileSync } from 'node:fs';
import { expect, type Page } from './fixtures';
import type { AttendReport } from '../src/lib/core/report';

/** How long to wait for a model; E2E_WAIT_MS raises it on a crowded machine. */
export const MODEL_WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 90_000);

export async function openDemo(page: Page, backend: 'wasm' | 'webgpu' = 'wasm'): Promise<void> {
  await page.goto(`/?model=demo&backend=${backend}`);
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: MODEL_WAIT_MS });
}

export type SectionName = 'Attention' | 'Masked-LM lab' | 'Claims lab';

/** Opens a section from the header, as a person would, and waits until it is the one shown. */
export async function showSection(page: Page, name: SectionName): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Type into sentence A (and B) and wait until the view shows the new tokens. */
export async function typeSentence(page: Page, text: string, pair = ''): Promise<void> {
  await page.getByLabel('Sentence A').fill(text);
  await page.getByLabel(/Sentence B/).fill(pair);
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
}

export function rowLabels(page: Page) {
  return page.locator('figure.matrix text.row-label');
}

export async function exportJson(page: Page): Promise<AttendReport> {
  await showSection(page, 'Attention');
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), 'utf8')) as AttendReport;
}

export function maxAbsDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}
