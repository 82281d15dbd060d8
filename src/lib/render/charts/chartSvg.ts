/**
 * A claims-lab chart as one self-contained SVG file, in the same manner as the attention views'
 * export (exportSvg.ts): presentation attributes only, the system font stack, a <title> naming the
 * chart, model and dataset, every piece of text escaped by svgWriter, no script, no external
 * reference. Hover texts become <title> children, which SVG viewers show as tooltips.
 */

import { INK, PAPER } from '../palette';
import { fmt, h, svgDocument, type SvgNode } from '../svgWriter';
import { FONT_FAMILY, MARGIN, wrapText } from '../titleBlock';
import { chartTitle, type Chart, type Mark } from './chart';

export interface TitleLine {
  key: string;
  text: string;
  y: number;
  size: number;
  bold: boolean;
  fill: string;
}

/** The title lines above the body, wrapped to the chart's width, and the height they take. */
export function chartHeader(chart: Chart): { lines: TitleLine[]; height: number } {
  const inner = Math.max(120, chart.width - 2 * MARGIN);
  const specs = [
    ...wrapText(`${chart.heading} · ${chart.model}`, 15, inner, 2).map((text) => ({ text, size: 15, bold: true })),
    ...wrapText(chart.dataset, 12, inner, 2).map((text) => ({ text, size: 12, bold: false })),
    ...chart.notes.flatMap((note) => wrapText(note, 11, inner, 2).map((text) => ({ text, size: 11, bold: false }))),
  ];
  let y = MARGIN;
  const lines = specs.map((s, i) => {
    y += s.size * 1.35;
    return { key: `t${i}`, ...s, y: y - s.size * 0.3, fill: s.size >= 12 ? INK.text : INK.muted };
  });
  return { lines, height: y + 8 };
}

function withTip(node: SvgNode, tip: string | undefined): SvgNode {
  if (tip !== undefined) node.children.push(h('title', {}, tip));
  return node;
}

export function markNode(mark: Mark): SvgNode {
  switch (mark.kind) {
    case 'rect':
      return withTip(
        h('rect', {
          x: mark.x,
          y: mark.y,
          width: mark.width,
          height: mark.height,
          fill: mark.fill,
          stroke: mark.stroke,
          'stroke-width': mark.stroke ? (mark.strokeWidth ?? 1) : undefined,
        }),
        mark.tip,
      );
    case 'line':
      return h('line', {
        x1: mark.x1,
        y1: mark.y1,
        x2: mark.x2,
        y2: mark.y2,
        stroke: mark.stroke,
        'stroke-width': mark.strokeWidth,
        'stroke-dasharray': mark.dash,
      });
    case 'path':
      return withTip(
        h('path', {
          d: mark.d,
          fill: mark.fill,
          stroke: mark.stroke,
          'stroke-width': mark.strokeWidth,
          'stroke-dasharray': mark.dash,
        }),
        mark.tip,
      );
    case 'circle':
      return withTip(
        h('circle', { cx: mark.cx, cy: mark.cy, r: mark.r, fill: mark.fill, stroke: mark.stroke }),
        mark.tip,
      );
    case 'text':
      return h(
        'text',
        {
          x: mark.rotate ? undefined : mark.x,
          y: mark.rotate ? undefined : mark.y,
          transform: mark.rotate ? `translate(${fmt(mark.x)} ${fmt(mark.y)}) rotate(${fmt(mark.rotate)})` : undefined,
          'font-size': mark.size,
          'font-weight': mark.bold ? 'bold' : undefined,
          'text-anchor': mark.anchor === 'start' ? undefined : mark.anchor,
          fill: mark.fill,
        },
        mark.text,
      );
  }
}

/** The chart as a standalone SVG document: title block, then the body below it. */
export function chartSvg(chart: Chart): string {
  const header = chartHeader(chart);
  const width = chart.width;
  const height = header.height + chart.height;
  const root = h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      version: '1.1',
      width,
      height,
      viewBox: `0 0 ${fmt(width)} ${fmt(height)}`,
      'font-family': FONT_FAMILY,
    },
    h('title', {}, chartTitle(chart)),
    h('desc', {}, `BERTology Lens, claims lab (${chart.kind}). Layers and heads counted from 1.`),
    h('rect', { width, height, fill: PAPER }),
    h(
      'g',
      {},
      ...header.lines.map((l) =>
        h(
          'text',
          { x: MARGIN, y: l.y, 'font-size': l.size, 'font-weight': l.bold ? 'bold' : undefined, fill: l.fill },
          l.text,
        ),
      ),
    ),
    h('g', { transform: `translate(0 ${fmt(header.height)})` }, ...chart.marks.map(markNode)),
  );
  return svgDocument(root);
}

/** A file name such as "bertology-claims-head-grid-mean-attention-to-sep.svg". */
export function chartFileName(chart: Chart, extension: 'svg' | 'png'): string {
  const slug = `${chart.kind}-${chart.heading}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '');
  return `bertology-claims-${slug || 'chart'}.${extension}`;
}
