import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import type { AttendReport } from '../src/lib/core/report';
import { exportJson, maxAbsDiff, openDemo, showSection, typeSentence } from './app';

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
  expect(cli.backend).toBe('cpu'); // the native runtime, the CLI's default
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

test('`bertology attend --ablate` agrees with the app with the same heads switched off', async ({ page }) => {
  const text = 'The keys to the cabinet [MASK] on the table.';
  await openDemo(page);
  await typeSentence(page, text);
  await showSection(page, 'Masked-LM lab');
  await page.getByLabel(/Heads to switch off/).fill('1-2, 3-*');
  await page.getByRole('button', { name: 'Ablate', exact: true }).click();
  await expect(page.getByTestId('ablation-status')).toContainText('5 heads ablated');
  const app = await exportJson(page);

  const { stdout } = await run(
    'node',
    ['scripts/bertology.js', 'attend', '--model', 'static/models/demo', '--text', text, '--ablate', '1-2,3-*'],
    { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
  );
  const cli = JSON.parse(stdout) as AttendReport;
  expect(cli.tokens).toEqual(app.tokens);
  expect(maxAbsDiff(cli.attention, app.attention)).toBeLessThanOrEqual(1e-5);
  const [layers, heads, seq] = cli.dims as number[];
  expect(layers).toBe(4);
  const head = (l: number, h: number) =>
    cli.attention.slice((l * heads! + h) * seq! * seq!, (l * heads! + h + 1) * seq! * seq!);
  expect(head(0, 1).every((v) => v === 0)).toBe(true); // head 1-2
  expect(head(2, 3).every((v) => v === 0)).toBe(true); // head 3-4
  expect(head(0, 0).some((v) => v > 0)).toBe(true);
  expect(cli.predictions[0]!.ids).toEqual(app.predictions[0]!.ids);
  expect(maxAbsDiff(cli.predictions[0]!.probs, app.predictions[0]!.probs)).toBeLessThanOrEqual(1e-5);
});
