import { describe, expect, it } from 'vitest';
import type { Chart } from './chart';
import { chartFileName, chartHeader, chartSvg } from './chartSvg';
import { parseXml } from './testing';

const hostile = '<script>alert("x")</script> & ]]> \u0000';

function chart(over: Partial<Chart> = {}): Chart {
  return {
    kind: 'head-grid',
    heading: 'Mean attention to [SEP] per head',
    model: 'Demo model (random weights)',
    dataset: 'bundled corpus.txt, 233 inputs',
    notes: ['random weights: the numbers mean nothing'],
    width: 400,
    height: 200,
    marks: [
      { kind: 'rect', key: 'r', x: 1, y: 2, width: 3, height: 4, fill: '#000000', tip: hostile },
      { kind: 'line', key: 'l', x1: 0, y1: 0, x2: 10, y2: 10, stroke: '#111111', strokeWidth: 1, dash: '4 3' },
      { kind: 'path', key: 'p', d: 'M0 0L1 1', stroke: '#222222', strokeWidth: 2, fill: 'none' },
      { kind: 'circle', key: 'c', cx: 5, cy: 5, r: 2, fill: '#333333', tip: 'a "quoted" tip' },
      { kind: 'text', key: 't', x: 5, y: 5, text: hostile, size: 11, fill: '#444444', anchor: 'end', rotate: -45 },
    ],
    ...over,
  };
}

describe('chartSvg', () => {
  it('writes a well-formed, self-contained document whose title names chart, model and dataset', () => {
    const svg = chartSvg(chart());
    const doc = parseXml(svg) as { svg: { title: string; '@xmlns': string } };
    expect(doc.svg['@xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(doc.svg.title).toBe(
      'Mean attention to [SEP] per head · Demo model (random weights) · bundled corpus.txt, 233 inputs',
    );
    expect(svg).not.toMatch(/<script|<style|href=|url\(|foreignObject/i);
  });

  it('escapes every piece of text, in elements and in tips', () => {
    const svg = chartSvg(chart({ heading: hostile, model: hostile, dataset: hostile }));
    expect(() => parseXml(svg)).not.toThrow();
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('\u0000');
  });

  it('places the body below the title block and sizes the file to hold both', () => {
    const c = chart();
    const { height } = chartHeader(c);
    const svg = chartSvg(c);
    expect(svg).toContain(`<g transform="translate(0 ${Math.round(height * 100) / 100})">`);
    expect(svg).toMatch(new RegExp(`height="${Math.round((height + 200) * 100) / 100}"`));
  });

  it('writes each mark kind with its presentation attributes', () => {
    const svg = chartSvg(chart());
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('transform="translate(5 5) rotate(-45)"');
    expect(svg).toContain('text-anchor="end"');
    expect(svg).toMatch(/<circle [^>]*r="2"[^>]*>\s*<title>a "quoted" tip<\/title>\s*<\/circle>/);
  });

  it.each([
    [
      { kind: 'head-grid', heading: 'Mean attention to [SEP] per head' },
      'bertology-claims-head-grid-mean-attention-to-sep-per-head.svg',
    ],
    [{ kind: 'bars', heading: '' }, 'bertology-claims-bars.svg'],
  ])('names the file after the chart (%o)', (over, name) => {
    expect(chartFileName(chart(over), 'svg')).toBe(name);
  });
});

describe('chartHeader', () => {
  it('wraps a long heading in the heading’s ink and puts the notes in muted ink below the dataset', () => {
    const { lines, height } = chartHeader(
      chart({ width: 200, heading: 'A heading long enough to need a second line' }),
    );
    const heading = lines.filter((l) => l.bold);
    expect(heading.length).toBe(2);
    expect(new Set(heading.map((l) => l.fill)).size).toBe(1);
    const note = lines.find((l) => l.text.startsWith('random'))!;
    expect(note.fill).not.toBe(heading[0]!.fill);
    expect(lines.map((l) => l.y)).toEqual([...lines.map((l) => l.y)].sort((a, b) => a - b));
    expect(height).toBeGreaterThan(lines.at(-1)!.y);
  });
});
