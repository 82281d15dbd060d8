/**
 * BERTology Lens mini, the trained offline default (static/models/mini, made by training/), as the
 * app's engine runs it: onnxruntime-web's WASM build, the transformers.js tokenizer, the same code
 * path as the browser. These tests check what only a model that learned something can do, against
 * numbers computed independently by PyTorch at publish time (eval/heldout.json, eval/attention.json).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliEngine } from '../../scripts/cli/runtimes';
import { DirReader } from '../../scripts/cli/dirReader';
import type { BertEngine } from './engine';
import type { ModelInfo, RunResult } from '../../src/lib/core/types';

const MINI = 'static/models/mini';

interface HeldoutItem {
  text: string;
  text_pair: string;
  input_ids: number[];
  token_type_ids: number[];
  masked_positions: number[];
  expected_ids: number[];
}
interface Heldout {
  mask_token_id: number;
  result_pytorch_fp32: { top1: number; top5: number; positions: number };
  items: HeldoutItem[];
}
interface AttentionStats {
  /** Named "head 2-3" (1-based), strongest first. */
  heads_over_half_previous: { head: string; fraction: number }[];
}

const heldout = JSON.parse(readFileSync(`${MINI}/eval/heldout.json`, 'utf8')) as Heldout;
const card = readFileSync(`${MINI}/README.md`, 'utf8');

/**
 * An item's two sentences as text with its masked words written "[MASK]" (one per piece): the
 * words are the tokens themselves, word pieces glued back together. The tokenizer must turn this
 * into exactly the item's ids with the masks in place (checked below).
 */
function maskedTexts(item: HeldoutItem, tokens: string[]): [string, string] {
  const masked = new Set(item.masked_positions);
  const segments: string[][] = [[], []];
  tokens.forEach((token, i) => {
    if (token === '[CLS]' || token === '[SEP]') return;
    const piece = masked.has(i) ? '[MASK]' : token.replace(/^##/, '');
    const words = segments[item.token_type_ids[i]!]!;
    if (token.startsWith('##') && words.length) words[words.length - 1] += piece;
    else words.push(piece);
  });
  return [segments[0]!.join(' '), segments[1]!.join(' ')];
}

/** The same sentence with a plural and a singular subject (some with a distractor noun); the verb is masked. */
const AGREEMENT: { plural: string; singular: string; verbs: [plural: string, singular: string] }[] = [
  {
    plural: 'The dogs in the yard [MASK] barking.',
    singular: 'The dog in the yard [MASK] barking.',
    verbs: ['are', 'is'],
  },
  { plural: 'The men [MASK] in the house.', singular: 'The man [MASK] in the house.', verbs: ['were', 'was'] },
  {
    plural: 'The children of the farmer [MASK] very happy.',
    singular: 'The child of the farmer [MASK] very happy.',
    verbs: ['were', 'was'],
  },
  { plural: 'The books on the shelf [MASK] old.', singular: 'The book on the shelf [MASK] old.', verbs: ['are', 'is'] },
  {
    plural: 'The officers [MASK] ready to leave.',
    singular: 'The officer [MASK] ready to leave.',
    verbs: ['were', 'was'],
  },
  { plural: 'The girls [MASK] not at home.', singular: 'The girl [MASK] not at home.', verbs: ['are', 'is'] },
  {
    plural: 'Their friends [MASK] in town last week.',
    singular: 'Their friend [MASK] in town last week.',
    verbs: ['were', 'was'],
  },
  { plural: 'The new cars [MASK] expensive.', singular: 'The new car [MASK] expensive.', verbs: ['are', 'is'] },
];

describe('BERTology Lens mini on the engine (WASM)', () => {
  let engine: BertEngine;
  let info: ModelInfo;
  beforeAll(async () => {
    engine = await createCliEngine('wasm', 2);
    info = await engine.load(new DirReader(MINI), { backend: 'wasm', dtype: 'fp32' });
  }, 120_000);
  afterAll(async () => engine?.dispose());

  it('is the small BERT the card describes, and loads with no notices', () => {
    expect(info.modelType).toBe('bert');
    expect(info.layers).toBe(6);
    expect(card).toContain(`${info.layers} layers`);
    expect(info.notices).toEqual([]);
  });

  it('reproduces the card’s held-out masked-token accuracy within 0.5 points, tokenizing the text itself', async () => {
    let top1 = 0;
    let top5 = 0;
    let n = 0;
    for (const item of heldout.items) {
      // The tokenizer round trip: the text gives the ids training wrote.
      const plain = await engine.run({ text: item.text, pair: item.text_pair, outputs: [] });
      expect(plain.tokens.map((t) => t.id)).toEqual(item.input_ids);
      const [a, b] = maskedTexts(
        item,
        plain.tokens.map((t) => t.text),
      );
      const run: RunResult<never> = await engine.run({ text: a, pair: b, outputs: [], topK: 5 });
      const expectedIds = item.input_ids.map((id, i) =>
        item.masked_positions.includes(i) ? heldout.mask_token_id : id,
      );
      expect(run.tokens.map((t) => t.id)).toEqual(expectedIds);
      item.masked_positions.forEach((position, k) => {
        const prediction = run.predictions.find((p) => p.position === position)!;
        const expected = item.expected_ids[k]!;
        if (prediction.ids[0] === expected) top1++;
        if (prediction.ids.slice(0, 5).includes(expected)) top5++;
        n++;
      });
    }
    const pytorch = heldout.result_pytorch_fp32;
    expect(n).toBe(pytorch.positions);
    expect(Math.abs(top1 / n - pytorch.top1)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(top5 / n - pytorch.top5)).toBeLessThanOrEqual(0.005);
    // The card states the same figures.
    expect(card).toContain(`Top-1 ${(100 * pytorch.top1).toFixed(1)}%`);
    // And they are far above what a model that learned nothing gets (under 10%: "the", ",", ".").
    expect(top1 / n).toBeGreaterThan(0.2);
  }, 600_000);

  it('has previous-token heads: over half of their attention on the previous token, as PyTorch measured', async () => {
    const stats = JSON.parse(readFileSync(`${MINI}/eval/attention.json`, 'utf8')) as AttentionStats;
    const items = heldout.items.slice(0, 60);
    let sums: Float64Array | null = null;
    let count = 0;
    let heads = 0;
    for (const item of items) {
      const run = await engine.run({ text: item.text, pair: item.text_pair, outputs: ['attention'] });
      const [layers, h, seq] = run.attentionDims;
      heads = h;
      sums ??= new Float64Array(layers * h);
      // From every token that has a previous token (not [CLS]) to the one before it.
      for (let lh = 0; lh < layers * h; lh++) {
        for (let i = 1; i < seq; i++) sums[lh]! += run.attention[(lh * seq + i) * seq + i - 1]!;
      }
      count += seq - 1;
    }
    const fractions = Array.from(sums!, (s) => s / count);
    const best = fractions.indexOf(Math.max(...fractions));
    expect(fractions[best]).toBeGreaterThan(0.5);
    // PyTorch, on other held-out pairs, found the same head among those over one half.
    const named = `head ${Math.floor(best / heads) + 1}-${(best % heads) + 1}`;
    expect(stats.heads_over_half_previous.map((s) => s.head)).toContain(named);
  }, 300_000);

  it('keeps its previous-token head at every position it accepts: past token 64 as before it', async () => {
    // Held-out sentences run together until the model's 128 tokens are full (the engine cuts the rest).
    const text = heldout.items
      .slice(0, 12)
      .map((item) => `${item.text} ${item.text_pair}`)
      .join(' ');
    const run = await engine.run({ text, outputs: ['attention'] });
    const [layers, heads, seq] = run.attentionDims;
    expect(seq).toBe(info.maxTokens);
    expect(run.truncatedTokens).toBeGreaterThan(0);
    /** Mean attention of head lh from token i to i-1, over positions from..to (inclusive). */
    const toPrevious = (lh: number, from: number, to: number) => {
      let sum = 0;
      for (let i = from; i <= to; i++) sum += run.attention[(lh * seq + i) * seq + i - 1]!;
      return sum / (to - from + 1);
    };
    const early = Array.from({ length: layers * heads }, (_, lh) => toPrevious(lh, 1, 63));
    const best = early.indexOf(Math.max(...early));
    // The last position is [SEP]; the late band is 64 .. seq - 2.
    const late = toPrevious(best, 64, seq - 2);
    expect(early[best]).toBeGreaterThan(0.5);
    expect(late).toBeGreaterThan(0.5);
    expect(late).toBeGreaterThan(0.8 * early[best]!);
    // The card's table (PyTorch, 120 held-out sequences) names the same head and holds in every band.
    const named = `head ${Math.floor(best / heads) + 1}-${(best % heads) + 1}`;
    const row = new RegExp(`\\| ${named} +\\| previous +\\|((?: +[0-9.]+% +\\|){4})`).exec(card);
    expect(row, `the card's by-position table has ${named}`).not.toBeNull();
    const bands = row![1]!
      .split('|')
      .map((c) => parseFloat(c))
      .filter((v) => !Number.isNaN(v));
    expect(bands).toHaveLength(4);
    for (const v of bands) expect(v).toBeGreaterThan(50);
  }, 120_000);

  /** The odds of the plural verb over the singular one at the mask: P(plural) / P(singular). */
  async function pluralOdds(text: string, [plural, singular]: [string, string]): Promise<number> {
    const run = await engine.run({ text, outputs: [], pinned: [plural, singular] });
    const [p, s] = run.predictions[0]!.pinned;
    expect(p!.prob).not.toBeNull();
    expect(s!.prob).not.toBeNull();
    return p!.prob! / s!.prob!;
  }

  it('makes the verb agree: a plural subject raises the plural verb’s odds, a singular subject gets the singular verb', async () => {
    let raised = 0;
    let singular = 0;
    let plural = 0;
    for (const { plural: many, singular: one, verbs } of AGREEMENT) {
      const withPlural = await pluralOdds(many, verbs);
      const withSingular = await pluralOdds(one, verbs);
      if (withPlural > withSingular) raised++;
      if (withSingular < 1) singular++;
      if (withPlural > 1) plural++;
    }
    // Only the subject's number differs between the two sentences of a template: a model that
    // ignores it shifts the odds either way at random (all 8 one way: 1 in 256).
    expect(raised).toBeGreaterThanOrEqual(AGREEMENT.length - 1);
    expect(singular).toBeGreaterThan(AGREEMENT.length / 2);
    // The plural verb itself wins after a plural subject less often: Brown's narrative past makes
    // "was" and "is" far more frequent. Logged, not asserted.
    console.info(`mini agreement: plural verb preferred after a plural subject in ${plural} of ${AGREEMENT.length}`);
  }, 120_000);
});
