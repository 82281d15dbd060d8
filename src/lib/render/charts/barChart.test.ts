import { describe, expect, it } from 'vitest';
import { barChart, type BarChartSpec } from './barChart';
import { chartSvg } from './chartSvg';
import { marksOf, outOfBounds, parseXml, uniqueKeys } from './testing';

function spec(over: Partial<BarChartSpec> = {}): BarChartSpec {
  return {
    heading: 'Best head per relation',
    model: 'm',
    dataset: 'd',
    rows: [
      { key: 'det', label: 'det', values: [0.5, 0.25, 0.943], note: 'head 3-3' },
      { key: 'obj', label: 'obj', values: [1, 0, null] },
    ],
    series: [
      { key: 'head', label: 'best head', color: '#0072B2' },
      { key: 'base', label: 'offset baseline', color: '#999999' },
      { key: 'paper', label: 'paper', color: '#E69F00' },
    ],
    domain: [0, 1],
    format: (v) => `${(v * 100).toFixed(1)}%`,
    xTitle: 'accuracy',
    ...over,
  };
}

describe('barChart', () => {
  it('draws bar lengths proportional to values and leaves out missing ones', () => {
    const chart = barChart(spec());
    const bar = (key: string) => marksOf(chart, 'rect').find((r) => r.key === key);
    const full = bar('bar-obj-head')!;
    expect(bar('bar-det-head')!.width).toBeCloseTo(full.width / 2);
    expect(bar('bar-det-base')!.width).toBeCloseTo(full.width / 4);
    expect(bar('bar-obj-paper')).toBeUndefined();
    expect(bar('bar-obj-base')!.width).toBeGreaterThan(0); // a zero still shows a hairline
    expect(bar('bar-det-head')!.tip).toBe('det, best head: 50.0% (head 3-3)');
    expect(marksOf(chart, 'text').find((t) => t.key === 'value-det-head')!.text).toBe('50.0% head 3-3');
    expect(uniqueKeys(chart)).toBe(true);
    expect(outOfBounds(chart)).toEqual([]);
  });

  it('clamps values outside the domain and stacks rows in order', () => {
    const chart = barChart(
      spec({
        rows: [
          { key: 'a', label: 'a', values: [2, 0.1, 0.1] },
          { key: 'b', label: 'b', values: [0.1, 0.1, 0.1] },
        ],
      }),
    );
    const a = marksOf(chart, 'rect').find((r) => r.key === 'bar-a-head')!;
    const b = marksOf(chart, 'rect').find((r) => r.key === 'bar-b-head')!;
    expect(a.width).toBeCloseTo(300);
    expect(b.y).toBeGreaterThan(a.y);
    expect(() => parseXml(chartSvg(chart))).not.toThrow();
  });
});

describe('barChart ticks', () => {
  it('labels the axis with tickFormat when given, and the bars with format', () => {
    const chart = barChart(spec({ tickFormat: (v) => `${Math.round(v * 100)}%` }));
    const ticks = marksOf(chart, 'text').filter((t) => t.key.startsWith('tick-'));
    expect(ticks.map((t) => t.text)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(marksOf(chart, 'text').find((t) => t.key === 'value-obj-head')!.text).toBe('100.0%');
  });
});
