import { describe, expect, it } from 'vitest';
import { chartSvg } from './chartSvg';
import { lineChart, polylinePath, type LineChartSpec } from './lineChart';
import { marksOf, outOfBounds, parseXml, uniqueKeys } from './testing';

function spec(over: Partial<LineChartSpec> = {}): LineChartSpec {
  return {
    heading: 'Mean attention per layer',
    model: 'm',
    dataset: 'd',
    xLabels: ['1', '2', '3', '4'],
    xTitle: 'layer',
    yTitle: 'share of attention',
    series: [
      { key: 'sep', label: '[SEP]', color: '#0072B2', values: [0.1, 0.2, 0.6, 0.3] },
      { key: 'cls', label: '[CLS]', color: '#E69F00', values: [0.5, 0.1, 0.05, 0] },
    ],
    domain: [0, 1],
    format: (v) => `${Math.round(v * 100)}%`,
    ...over,
  };
}

describe('polylinePath', () => {
  it.each([
    [[], ''],
    [[{ x: 0, y: 1 }], 'M0 1'],
    [
      [
        { x: 0, y: 1 },
        { x: 2.005, y: 3 },
      ],
      'M0 1L2.01 3',
    ],
    [
      [
        { x: 0, y: 1 },
        { x: 1, y: NaN },
        { x: 2, y: 3 },
        { x: 3, y: 4 },
      ],
      'M0 1M2 3L3 4',
    ],
  ])('%j → %s', (points, d) => expect(polylinePath(points)).toBe(d));
});

describe('lineChart', () => {
  it('draws one point per layer per series, higher values higher up, evenly spaced', () => {
    const chart = lineChart(spec());
    const sep = marksOf(chart, 'circle').filter((c) => c.key.startsWith('point-sep-'));
    expect(sep).toHaveLength(4);
    expect(sep[2]!.cy).toBeLessThan(sep[1]!.cy); // 0.6 above 0.2
    expect(sep[1]!.cx - sep[0]!.cx).toBeCloseTo(sep[3]!.cx - sep[2]!.cx);
    expect(sep[2]!.tip).toBe('[SEP], layer 3: 60%');
    expect(marksOf(chart, 'path').map((p) => p.key)).toEqual(['line-sep', 'line-cls']);
    expect(uniqueKeys(chart)).toBe(true);
    expect(outOfBounds(chart)).toEqual([]);
  });

  it('maps the domain ends to the plot edges (0% on the axis, 100% at the top)', () => {
    const chart = lineChart(spec({ series: [{ key: 's', label: 's', color: '#000', values: [0, 1, 0, 1] }] }));
    const [low, high] = marksOf(chart, 'circle');
    const axis = marksOf(chart, 'line').find((l) => l.key === 'x-axis')!;
    expect(low!.cy).toBeCloseTo(axis.y1);
    expect(high!.cy).toBeCloseTo(16);
  });

  it('shades the claimed band clipped to the model, and draws reference lines inside the range only', () => {
    const chart = lineChart(
      spec({
        band: { from: 5, to: 9, label: 'layers 6-10' },
        refs: [
          { key: 'half', label: '50%', value: 0.5 },
          { key: 'out', label: 'out', value: 7 },
        ],
      }),
    );
    expect(chart.marks.find((m) => m.key === 'band')).toBeUndefined(); // a 4-layer model has no layer 6
    expect(chart.marks.some((m) => m.key === 'ref-half')).toBe(true);
    expect(chart.marks.some((m) => m.key === 'ref-out')).toBe(false);
    const banded = lineChart(spec({ band: { from: 1, to: 2, label: 'middle' } }));
    const band = marksOf(banded, 'rect').find((r) => r.key === 'band')!;
    const pts = marksOf(banded, 'circle').filter((c) => c.key.startsWith('point-sep-'));
    expect(band.x).toBeLessThan(pts[1]!.cx);
    expect(band.x + band.width).toBeGreaterThan(pts[2]!.cx);
    expect(band.x + band.width).toBeLessThan(pts[3]!.cx);
  });

  it('rings a chosen point and exports well-formed SVG', () => {
    const chart = lineChart(spec({ ring: { series: 'sep', index: 2, label: 'peak' } }));
    const ring = marksOf(chart, 'circle').find((c) => c.key === 'ring')!;
    const point = marksOf(chart, 'circle').find((c) => c.key === 'point-sep-2')!;
    expect([ring.cx, ring.cy]).toEqual([point.cx, point.cy]);
    expect(() => parseXml(chartSvg(chart))).not.toThrow();
  });
});
