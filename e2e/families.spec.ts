/**
 * The BERT families end to end: `bertology attend` and the app on every family fixture, each
 * checked against the independent forward pass; the app shows each family's pieces readable and
 * names its special tokens as the family does.
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
import { exportJson, maxAbsDiff, openDemo, showSection, typeSentence } from './app';
import { showView } from './known';

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

/**
 * The same pieces as a person reads them in the views (hand-written): word-start markers dropped,
 * a piece that continues a word marked "##" in every family.
 */
const SHOWN: Record<FamilyName, string> = {
  bert: JOINED.bert,
  mbert: JOINED.mbert,
  distilbert: JOINED.distilbert,
  electra: JOINED.electra,
  albert: '[CLS] the cat sat on the mat ##. [SEP] where is paris ##? [SEP]',
  // Byte-level BPE cuts before punctuation (its pre-tokenizer); SentencePiece does not.
  roberta: '<s> The cat sat on the mat . </s> </s> Where is Paris ? </s>',
  'xlm-roberta': '<s> The cat sat on the mat ##. </s> </s> Where is Paris ##? </s>',
};
/** The checkbox that hides the family's first and separator tokens, by their own names. */
const HIDE: Record<FamilyName, string> = {
  bert: 'Hide [CLS]/[SEP]',
  mbert: 'Hide [CLS]/[SEP]',
  distilbert: 'Hide [CLS]/[SEP]',
  electra: 'Hide [CLS]/[SEP]',
  albert: 'Hide [CLS]/[SEP]',
  roberta: 'Hide <s>/</s>',
  'xlm-roberta': 'Hide <s>/</s>',
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

for (const family of Object.keys(JOINED) as FamilyName[]) {
  test(`the app loads the ${family} folder: its tokens, its attention, readable pieces, the picture drawn`, async ({
    page,
  }) => {
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

    // What a person sees: the pieces as text, the raw piece in the readout, the family's names.
    await showView(page, 'Head');
    const shown = SHOWN[family].split(' ');
    await expect(page.locator('figure.head text.left-label')).toHaveText(shown);
    await expect(page.getByLabel(HIDE[family], { exact: true })).toBeVisible();
    const cat = (await page.locator('figure.head text.left-label').nth(2).boundingBox())!;
    await page.mouse.move(cat.x + cat.width / 2, cat.y + cat.height / 2);
    const raw = app.tokens[2] === shown[2] ? '' : `, ${app.tokens[2]}`;
    await expect(page.getByTestId('head-readout')).toHaveText(`Lines from “cat” (token 3${raw}) only.`);
    await page.mouse.move(0, 0);
    // The picture is drawn: lines leave from the left edge of the canvas.
    const inked = await page.getByTestId('head-lines').evaluate((el: HTMLCanvasElement) => {
      const data = el.getContext('2d')!.getImageData(0, 0, 4, el.height).data;
      let n = 0;
      for (let k = 3; k < data.length; k += 4) if (data[k]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(0);
    await page.screenshot({ path: `test-results/families-${family}.png` });

    if (family === 'roberta' || family === 'xlm-roberta') {
      // The masked-LM guesses, readable too, at the family's own mask token.
      await typeSentence(page, 'The cat [MASK] on the mat.');
      await showSection(page, 'Masked-LM lab');
      await expect(page.getByTestId('mask-prediction').getByRole('heading')).toHaveText(/^<mask> 1/);
      await expect(page.getByLabel('Show </s> and punctuation')).toBeVisible();
      const guesses = page.getByTestId('guess').locator('.token');
      expect(await guesses.count()).toBeGreaterThan(0);
      for (const guess of await guesses.all()) {
        const [text, title] = [await guess.textContent(), await guess.getAttribute('title')];
        expect(text).not.toMatch(/[Ġ▁]/);
        expect(title).toBeTruthy();
      }
      expect(await guesses.evaluateAll((els) => els.some((el) => /^[Ġ▁]/.test(el.getAttribute('title') ?? '')))).toBe(
        true,
      );
    }
  });
}

test('the app reads mBERT beyond Latin: Cyrillic, Greek, Arabic, Devanagari whole, each CJK ideograph a token', async ({
  page,
}) => {
  const text = 'Москва это город. Αθήνα είναι η πρωτεύουσα της Ελλάδας.';
  const pair = 'القاهرة عاصمة مصر. मुंबई भारत में है. 東京是日本的首都';
  // Hand-written: mBERT's basic tokenizer keeps case and accents, splits punctuation and every ideograph.
  const expected =
    '[CLS] Москва это город . Αθήνα είναι η πρωτεύουσα της Ελλάδας . [SEP] ' +
    'القاهرة عاصمة مصر . मुंबई भारत में है . 東 京 是 日 本 的 首 都 [SEP]';
  await openDemo(page);
  await page.getByLabel('Open folder…').setInputFiles('fixtures/families/mbert');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
  await typeSentence(page, text, pair);
  const app = await exportJson(page);
  expect(app.tokens.join(' ')).toBe(expected);
  const fixture = fixtureOf('mbert');
  expect(app.inputIds).toEqual(app.tokens.map((t) => fixture.vocabulary.ids.get(t)));
  expect(maxAbsDiff(app.attention, Array.from(referenceAttention(fixture, app, true)))).toBeLessThanOrEqual(1e-5);
  // Shown as typed, every label with ink of its own width; word level keeps each word whole.
  await showView(page, 'Head');
  const labels = page.locator('figure.head text.left-label');
  await expect(labels).toHaveText(expected.split(' '));
  for (const box of await labels.evaluateAll((els) => els.map((el) => (el as SVGTextElement).getBBox().width))) {
    expect(box).toBeGreaterThan(0);
  }
  await page.getByLabel('Whole words').check();
  // No pieces to merge: each word, and each ideograph, stays a word of its own.
  await expect(labels).toHaveText(expected.split(' '));
  await page.screenshot({ path: 'test-results/families-mbert-scripts.png' });
});
