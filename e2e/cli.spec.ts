import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { AttendReport } from '../workers/engine/report';
import { exportJson, maxAbsDiff, openDemo, typeSentence } from './app';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));

test('`bertology attend` on the bundled model folder gives the numbers the app shows', async ({ page }) => {
  const text = 'The animal did not cross the street because it was too tired.';
  const pair = 'It stayed home.';
  await openDemo(page);
  await typeSentence(page, text, pair);
  const app = await exportJson(page);

  const { stdout } = await run(
    'node',
    ['scripts/bertology.js', 'attend', '--model', 'static/models/demo', '--text', text, '--pair', pair],
    { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
  );
  const cli = JSON.parse(stdout) as AttendReport;
  expect(cli.backend).toBe('wasm');
  expect(cli.tokens).toEqual(app.tokens);
  expect(cli.inputIds).toEqual(app.inputIds);
  expect(cli.tokenTypeIds).toEqual(app.tokenTypeIds);
  expect(cli.dims).toEqual(app.dims);
  expect(maxAbsDiff(cli.attention, app.attention)).toBeLessThanOrEqual(1e-5);
});

test('`bertology attend` reports a bad model folder on stderr with a non-zero exit', async () => {
  const failure = await run('node', ['scripts/bertology.js', 'attend', '--model', 'e2e', '--text', 'hi'], {
    cwd: repo,
  }).catch((error: { code: number; stderr: string; stdout: string }) => error);
  expect('code' in failure && failure.code).toBe(1);
  expect((failure as { stderr: string }).stderr).toContain('"e2e" has no config.json');
  expect((failure as { stdout: string }).stdout).toBe('');
});
