/**
 * The BERT families end to end: `bertology attend` on every family fixture, and the app
 * loading the RoBERTa and DistilBERT folders, each checked against the independent forward pass.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { generateBertFixture, type BertFixture } from '../scripts/fixture/bertFixture';
import type { FamilyName } from '../scripts/fixture/families';
import { FIXTURE_PRESETS } from '../scripts/fixture/presets';
import { bertForward } from '../workers/engine/testing/bertForward';
import type { AttendReport } from '../src/lib/core/report';
import { exportJson, maxAbsDiff, openDemo, typeSentence } from './app';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));

const TEXT = 'The cat sat on the mat.';
const PAIR = 'Where is Paris?';
/** Each family's own way of joining a pair (hand-written). */
const JOINED: Record<FamilyName, string> = {
  bert: '[CLS] the cat sat on the mat . [SEP] where is paris ? [SEP]',
  mbert: '[CLS] The cat sat on the mat . [SEP] Where is Paris ? [SEP]',
  distilbert: '[CLS] the cat sat on the mat . [SEP] where is paris ? [SEP]',
  electra: '[CLS] the cat sat on the mat . [SEP] where is paris ? [SEP]',
  albert: '[CLS] ▁the ▁cat ▁sat ▁on ▁the ▁mat . [SEP] ▁where ▁is ▁paris ? [SEP]',
  roberta: '<s> The Ġcat Ġsat Ġon Ġthe Ġmat . </s> </s> Where Ġis ĠParis ? </s>',
  'xlm-roberta': '<s> ▁The ▁cat ▁sat ▁on ▁the ▁mat . </s> </s> ▁Where ▁is ▁Paris ? </s>',
};

function fixtureOf(family: FamilyName): BertFixture {
  return generateBertFixture(FIXTURE_PRESETS[`family-${family}`].options);
}

function referenceAttention(fixture: BertFixture, report: AttendReport, quantized: boolean): Float32Array {
  return bertForward(quantized ? fixture.quantizedWeights : fixture.weights, fixture.reference, {
    inputIds: report.inputIds,
    tokenTypeIds: report.tokenTypeIds,
    quantizeActivations: quantized,
  }).attention;
}

for (const family of Object.keys(JOINED) as FamilyName[]) {
  test(`\`bertology attend\` reads the ${family} fixture: tokens, ids and attention as the reference`, async () => {
    // A fresh Node process per family (tsx + WASM start-up): generous time for a loaded CI machine.
    test.setTimeout(180_000);
    const fixture = fixtureOf(family);
    const { stdout, stderr } = await run(
      'node',
      [
        'scripts/bertology.js',
        'attend',
        '--model',
        `fixtures/families/${family}`,
        '--dtype',
        'fp32',
        '--text',
        TEXT,
        '--pair',
        PAIR,
      ],
      { cwd: repo, maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as AttendReport;
    expect(stderr).not.toMatch(/Hidden states/);
    expect(report.modelFile).toBe('onnx/model.onnx');
    expect(report.tokens.join(' ')).toBe(JOINED[family]);
    expect(report.inputIds).toEqual(report.tokens.map((t) => fixture.vocabulary.ids.get(t)));
    expect(report.dims).toEqual([3, 4, report.tokens.length, report.tokens.length]);
    expect(maxAbsDiff(report.attention, Array.from(referenceAttention(fixture, report, false)))).toBeLessThanOrEqual(
      1e-5,
    );
  });
}

for (const family of ['roberta', 'distilbert'] as const) {
  test(`the app loads the ${family} folder and shows its attention`, async ({ page }) => {
    await openDemo(page);
    await page.getByLabel('Open folder…').setInputFiles(`fixtures/families/${family}`);
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
    await typeSentence(page, TEXT, PAIR);
    const app = await exportJson(page);
    // WASM loads the quantised export, as the Hub default there.
    expect(app.modelFile).toBe('onnx/model_quantized.onnx');
    expect(app.tokens.join(' ')).toBe(JOINED[family]);
    const fixture = fixtureOf(family);
    expect(app.inputIds).toEqual(app.tokens.map((t) => fixture.vocabulary.ids.get(t)));
    expect(maxAbsDiff(app.attention, Array.from(referenceAttention(fixture, app, true)))).toBeLessThanOrEqual(1e-5);
    await expect(page.getByTestId('model-status')).not.toContainText('Hidden states');
    await page.screenshot({ path: `test-results/families-${family}.png` });
  });
}
