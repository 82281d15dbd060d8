/**
 * Property test: any Unicode text goes through tokenization → engine → analysis → SVG export on
 * the tiny fixture without an exception; every attention row sums to 1 and every exported SVG
 * is well-formed XML with the user's text inert (no <script>, no event handler attributes).
 */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { headStats } from '../../src/lib/analysis/headStats';
import { mergeAllToWords, wordUnits } from '../../src/lib/analysis/wordLevel';
import { rollout } from '../../src/lib/analysis/rollout';
import { figureSvg } from '../../src/lib/render/exportSvg';
import { buildFigure } from '../../src/lib/render/figure';
import { DEFAULT_VIEW_OPTIONS, VIEW_KINDS, type ViewOptions } from '../../src/lib/render/viewOptions';
import type { BertEngine } from './engine';
import { EngineError } from '../../src/lib/core/errors';
import { MemoryReader } from './testing/memoryReader';

export const FUZZ_RUNS = 500;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true });

/** Elements and attributes that could run code or fetch something: script, on* handlers, external hrefs. */
function activeContent(svg: string): string[] {
  const found: string[] = [];
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as Record<string, unknown>[]) {
      for (const [key, value] of Object.entries(node)) {
        if (key === ':@') {
          for (const [attr, v] of Object.entries(value as Record<string, string>)) {
            if (/^@on/i.test(attr)) found.push(attr);
            if (/href$/i.test(attr) && !String(v).startsWith('data:image/png;base64,') && !String(v).startsWith('#')) {
              found.push(`${attr}=${String(v).slice(0, 40)}`);
            }
          }
        } else {
          if (/^(script|foreignObject|iframe)$/i.test(key)) found.push(key);
          walk(value);
        }
      }
    }
  };
  walk(parser.parse(svg));
  return found;
}

/** Text a person might paste: any code point, plus the troublemakers named in the issue. */
const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  '</text>',
  ']]>',
  '&amp; & "quotes" \'single\'',
  '\u200b\u200c\u200d\ufeff',
  '\u0000\u0007\u001b[31m',
  'שלום עולם',
  'مرحبا بالعالم',
  '日本語のテキスト',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '[MASK]',
  '[SEP] [CLS]',
  '\ud800',
);
const text = fc
  .array(
    fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), hostile),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(' '));

describe('fuzz: random Unicode through the whole pipeline', () => {
  let engine: BertEngine;

  beforeAll(async () => {
    const fixture = generateBertFixture({ layers: 2, heads: 2, hidden: 16, maxPositions: 64, seed: 3 });
    engine = createNodeEngine(1);
    await engine.load(new MemoryReader('tiny', fixture.files), { backend: 'wasm', dtype: 'fp32' });
  });

  it(`holds for ${FUZZ_RUNS} inputs`, async () => {
    let ran = 0;
    let empty = 0;
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.option(text, { nil: undefined }),
        fc.integer({ min: 0, max: 2 }),
        async (a, b, viewIndex) => {
          let result;
          try {
            result = await engine.run({ text: a, pair: b });
          } catch (error) {
            // The one refusal allowed: nothing readable in the text, said in words.
            expect(error).toBeInstanceOf(EngineError);
            expect((error as EngineError).code).toBe('empty-input');
            empty++;
            return;
          }
          ran++;
          const [layers, heads, seq] = result.attentionDims;
          expect(seq).toBeLessThanOrEqual(64);
          for (let row = 0; row < layers * heads * seq; row++) {
            let sum = 0;
            for (let j = 0; j < seq; j++) sum += result.attention[row * seq + j]!;
            expect(Math.abs(sum - 1)).toBeLessThan(1e-4);
          }
          const family = engine.info!.family;
          const units = wordUnits(result.tokens, family);
          expect(mergeAllToWords(result.attention, result.attentionDims, units).every(Number.isFinite)).toBe(true);
          expect(
            Object.values(headStats(result.attention, result.attentionDims, result.tokens, family)).every((s) =>
              s.every(Number.isFinite),
            ),
          ).toBe(true);
          expect(rollout(result.attention, result.attentionDims).every(Number.isFinite)).toBe(true);

          const options: ViewOptions = {
            ...DEFAULT_VIEW_OPTIONS,
            view: VIEW_KINDS[viewIndex]!,
            words: viewIndex === 1,
          };
          const built = buildFigure(
            {
              model: 'tiny <fixture>',
              text: a,
              pair: b ?? '',
              tokens: result.tokens,
              family,
              attention: result.attention,
              dims: result.attentionDims,
            },
            options,
          );
          expect(built.ok).toBe(true);
          if (!built.ok) return;
          const svg = figureSvg(built.figure);
          expect(XMLValidator.validate(svg)).toBe(true);
          expect(activeContent(svg)).toEqual([]);
        },
      ),
      { numRuns: FUZZ_RUNS, seed: 20261126 },
    );
    expect(ran + empty).toBe(FUZZ_RUNS);
    console.log(`fuzz: ${FUZZ_RUNS} inputs, ${ran} ran, ${empty} refused as empty, 0 failures`);
  });
});

describe('the active-content check itself', () => {
  it.each([
    ['<svg><script>alert(1)</script></svg>', ['script']],
    ['<svg><rect onclick="x()"/></svg>', ['@onclick']],
    ['<svg><image href="https://example.org/x.png"/></svg>', ['@href=https://example.org/x.png']],
    ['<svg><text>&lt;script&gt; onload=alert(1)</text><image href="data:image/png;base64,AA=="/></svg>', []],
  ])('%s → %j', (svg, expected) => {
    expect(activeContent(svg)).toEqual(expected);
  });
});
