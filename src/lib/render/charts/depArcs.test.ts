import { describe, expect, it } from 'vitest';
import { textWidth } from '../titleBlock';
import { chartSvg } from './chartSvg';
import { ARC_COLORS, arcHeight, arcPath, depArcsChart, wordCentres, type DepArcsSpec } from './depArcs';
import { marksOf, outOfBounds, parseXml, uniqueKeys } from './testing';

// "The cat sat ." — det(cat → The), nsubj(sat → cat), root(sat), punct(sat → .)
function spec(over: Partial<DepArcsSpec> = {}): DepArcsSpec {
  return {
    heading: 'Dependency arcs',
    model: 'm',
    dataset: 'd',
    words: ['The', 'cat', 'sat', '.'],
    gold: [
      { dependent: 0, head: 1, label: 'det' },
      { dependent: 1, head: 2, label: 'nsubj' },
      { dependent: 2, head: -1, label: 'root' },
      { dependent: 3, head: 2, label: 'punct' },
    ],
    predicted: [
      { from: 0, to: 1, correct: true },
      { from: 1, to: 3, correct: false },
      { from: 2, to: 1, correct: true },
      { from: 3, to: 0, correct: false },
    ],
    headLabel: 'head 3-2',
    ...over,
  };
}

describe('word layout and arc geometry', () => {
  it('sets words left to right without overlap', () => {
    const words = ['a', 'extraordinary', 'b'];
    const xs = wordCentres(words, 10);
    const half = words.map((w) => Math.max(16, textWidth(w, 13)) / 2);
    expect(xs[0]! - half[0]!).toBe(10);
    for (let i = 1; i < words.length; i++) expect(xs[i]! - half[i]!).toBeGreaterThan(xs[i - 1]! + half[i - 1]!);
  });

  it.each([
    [1, 22],
    [2, 38],
    [10, 100],
  ])('an arc over %i words rises %i px (capped at 100)', (span, height) => expect(arcHeight(span, 100)).toBe(height));

  it('draws a cubic from one word to the other, bulging the given way', () => {
    expect(arcPath(10, 50, 100, -30)).toBe('M10 100C10 70 50 70 50 100');
    expect(arcPath(50, 10, 100, 20)).toBe('M50 100C50 120 10 120 10 100');
  });
});

describe('depArcsChart', () => {
  it('draws every gold arc above the words and every guess below them', () => {
    const chart = depArcsChart(spec());
    const paths = marksOf(chart, 'path');
    const words = marksOf(chart, 'text').filter((t) => t.key.startsWith('word-'));
    const textY = words[0]!.y;
    const gold = paths.filter((p) => /^gold-\d+$/.test(p.key));
    const pred = paths.filter((p) => /^pred-\d+$/.test(p.key));
    expect(gold.map((p) => p.key)).toEqual(['gold-0', 'gold-1', 'gold-3']);
    expect(chart.marks.some((m) => m.key === 'root-2')).toBe(true);
    for (const p of gold) expect(Number(p.d.split(/[MC ]/)[2])).toBeLessThan(textY);
    for (const p of pred) expect(Number(p.d.split(/[MC ]/)[2])).toBeGreaterThan(textY);
    expect(pred.map((p) => p.stroke)).toEqual([
      ARC_COLORS.correct,
      ARC_COLORS.wrong,
      ARC_COLORS.correct,
      ARC_COLORS.wrong,
    ]);
    expect(pred[1]!.dash).toBe('4 3');
    expect(pred[1]!.tip).toBe('head 3-2: “cat” attends most to “.”');
    expect(gold[1]!.tip).toBe('nsubj: “sat” → “cat”');
    expect(uniqueKeys(chart)).toBe(true);
    expect(outOfBounds(chart)).toEqual([]);
  });

  it('makes longer arcs taller and exports escaped, well-formed SVG', () => {
    const chart = depArcsChart(
      spec({
        words: ['<a>', '&', 'x', 'y', 'z'],
        gold: [
          { dependent: 0, head: 1, label: 'a' },
          { dependent: 4, head: 1, label: 'b' },
        ],
        predicted: [],
      }),
    );
    const top = (key: string) =>
      Number(
        marksOf(chart, 'path')
          .find((p) => p.key === key)!
          .d.split(/[MC ]/)[4],
      );
    expect(top('gold-4')).toBeLessThan(top('gold-0'));
    const svg = chartSvg(chart);
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).toContain('&lt;a&gt;');
  });
});

describe('relation labels', () => {
  it('never overlap, even on short words with long relation names side by side', () => {
    // "a b c d e": four span-1 arcs whose labels are wider than the words under them.
    const chart = depArcsChart(
      spec({
        words: ['a', 'b', 'c', 'd', 'e'],
        gold: [
          { dependent: 0, head: 1, label: 'nmod:poss' },
          { dependent: 1, head: 2, label: 'compound' },
          { dependent: 2, head: -1, label: 'root' },
          { dependent: 3, head: 2, label: 'obl:tmod' },
          { dependent: 4, head: 3, label: 'advmod' },
        ],
        predicted: [],
      }),
    );
    const labels = marksOf(chart, 'text').filter((t) => /^(gold|root)-label-/.test(t.key));
    expect(labels).toHaveLength(5);
    const boxes = labels.map((t) => ({
      left: t.x - textWidth(t.text, t.size) / 2,
      right: t.x + textWidth(t.text, t.size) / 2,
      top: t.y - t.size,
      bottom: t.y,
    }));
    for (let i = 0; i < boxes.length; i++)
      for (let j = 0; j < i; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart, `${labels[i]!.text} and ${labels[j]!.text}`).toBe(true);
      }
    // Every label stays inside the chart, below the caption.
    for (const b of boxes) expect(b.top).toBeGreaterThan(16);
    expect(outOfBounds(chart)).toEqual([]);
  });
});
