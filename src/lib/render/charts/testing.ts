/** Test helpers for the chart builders: parse an exported file, and read marks by kind. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Chart, Mark } from './chart';

/** Throws with the parser's message when `xml` is not well-formed. */
export function parseXml(xml: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as Record<string, unknown>;
}

export function marksOf<K extends Mark['kind']>(chart: Chart, kind: K): Extract<Mark, { kind: K }>[] {
  return chart.marks.filter((m): m is Extract<Mark, { kind: K }> => m.kind === kind);
}

/** Every mark lies inside the body (with a small allowance for text overhang). */
export function outOfBounds(chart: Chart): Mark[] {
  const inside = (x: number, y: number) => x >= -1 && y >= -1 && x <= chart.width + 1 && y <= chart.height + 1;
  return chart.marks.filter((m) => {
    switch (m.kind) {
      case 'rect':
        return !inside(m.x, m.y) || !inside(m.x + m.width, m.y + m.height);
      case 'line':
        return !inside(m.x1, m.y1) || !inside(m.x2, m.y2);
      case 'circle':
        return !inside(m.cx, m.cy);
      case 'text':
        return !inside(m.x, m.y);
      case 'path':
        return (m.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number).some((v, i) => !inside(i % 2 ? 0 : v, i % 2 ? v : 0));
    }
  });
}

export function uniqueKeys(chart: Chart): boolean {
  return new Set(chart.marks.map((m) => m.key)).size === chart.marks.length;
}
