import { describe, expect, it } from 'vitest';
import { viridisHex } from '../palette';
import { chartSvg } from './chartSvg';
import { cellColor, cellSize, heatGridChart, NO_VALUE, type HeatGridSpec } from './heatGrid';
import { marksOf, outOfBounds, parseXml, uniqueKeys } from './testing';

function spec(layers: number, heads: number, over: Partial<HeatGridSpec> = {}): HeatGridSpec {
  return {
    heading: 'Mean attention to [SEP] per head',
    model: 'm',
    dataset: 'd',
    rows: Array.from({ length: layers }, (_, l) => `${l + 1}`),
    cols: Array.from({ length: heads }, (_, h) => `${h + 1}`),
    rowTitle: 'layer',
    colTitle: 'head',
    values: Array.from({ length: layers * heads }, (_, m) => m / (layers * heads - 1)),
    domain: [0, 1],
    format: (v) => `${Math.round(v * 100)}%`,
    tip: (l, h, v) => `head ${l + 1}-${h + 1}: ${Math.round(v * 100)}%`,
    legendLabel: 'share of attention',
    ...over,
  };
}

const cells = (c: ReturnType<typeof heatGridChart>) => marksOf(c, 'rect').filter((m) => m.key.startsWith('cell-'));

describe('cellColor', () => {
  it.each([
    [0, [0, 1], viridisHex(0)],
    [1, [0, 1], viridisHex(255)],
    [2, [0, 1], viridisHex(255)],
    [-1, [0, 1], viridisHex(0)],
    [0.5, [0, 1], viridisHex(128)],
    [3, [2, 4], viridisHex(128)],
    [NaN, [0, 1], NO_VALUE],
  ] as const)('%d on %j → %s', (value, domain, color) => expect(cellColor(value, domain)).toBe(color));
});

describe('heatGridChart', () => {
  it.each([
    [4, 4],
    [12, 12],
    [24, 16],
  ])('lays out %i × %i heads as square cells in rows of layers', (layers, heads) => {
    const chart = heatGridChart(spec(layers, heads));
    const grid = cells(chart);
    expect(grid).toHaveLength(layers * heads);
    const size = cellSize(layers, heads);
    for (const c of grid) expect([c.width, c.height]).toEqual([size, size]);
    const at = (l: number, h: number) => grid.find((c) => c.key === `cell-${l}-${h}`)!;
    expect(at(0, 1).x - at(0, 0).x).toBeCloseTo(size);
    expect(at(1, 0).y - at(0, 0).y).toBeCloseTo(size);
    expect(at(0, 0).fill).toBe(viridisHex(0));
    expect(at(layers - 1, heads - 1).fill).toBe(viridisHex(255));
    expect(at(layers - 1, heads - 1).tip).toBe(`head ${layers}-${heads}: 100%`);
    expect(uniqueKeys(chart)).toBe(true);
    expect(outOfBounds(chart)).toEqual([]);
  });

  it('keeps cells between 10 and 32 px', () => {
    expect(cellSize(2, 2)).toBe(32);
    expect(cellSize(12, 12)).toBe(32);
    expect(cellSize(30, 30)).toBe(14);
    expect(cellSize(200, 200)).toBe(10);
  });

  it('outlines the cells asked for and ignores ones outside the grid', () => {
    const chart = heatGridChart(
      spec(4, 4, {
        outline: [
          { row: 1, col: 2 },
          { row: 9, col: 9 },
        ],
      }),
    );
    expect(
      marksOf(chart, 'rect')
        .filter((m) => m.key.startsWith('outline-'))
        .map((m) => m.key),
    ).toEqual(['outline-1-2']);
  });

  it('turns long column labels (words) and keeps them inside the chart', () => {
    const words = ['[CLS]', 'extraordinarily', 'long', 'words', 'here', '[SEP]'];
    const chart = heatGridChart(
      spec(6, 6, {
        rows: words,
        cols: words,
        rowTitle: 'from word',
        colTitle: 'to word',
        values: new Array(36).fill(1 / 6),
      }),
    );
    expect(marksOf(chart, 'text').find((t) => t.key === 'col-1')!.rotate).toBe(-45);
    expect(outOfBounds(chart)).toEqual([]);
  });

  it('refuses values that do not fill the grid', () => {
    expect(() => heatGridChart(spec(2, 2, { values: [1, 2, 3] }))).toThrow(/need 4 values/);
  });

  it('exports as well-formed SVG with escaped word labels', () => {
    const words = ['<b>', '&', '"q"'];
    const chart = heatGridChart(spec(3, 3, { rows: words, cols: words, values: new Array(9).fill(0.3) }));
    const svg = chartSvg(chart);
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).toContain('&lt;b&gt;');
  });
});
