/**
 * A figure layout as one self-contained SVG file: presentation attributes only (no CSS, no
 * variables, no foreignObject, no script), the system font stack, a <title>, heatmap cells as
 * embedded PNG data URLs, and nothing that depends on the time it was made.
 */

import { CROSS_COLOR, crossLines, type ColorLegend, type KeyItem, type AxisLabel } from './figureParts';
import type { Figure } from './figure';
import type { HeadFigure } from './headFigure';
import { rowMiddle } from './headFigure';
import type { MatrixFigure } from './matrixFigure';
import type { ModelFigure } from './modelFigure';
import { HATCH, INK, PAPER, VIRIDIS } from './palette';
import { encodeIndexedPng, pngDataUrl } from './png';
import { fmt, h, svgDocument, type SvgNode } from './svgWriter';
import { FONT_FAMILY, type TextLine } from './titleBlock';

export const HATCH_ID = 'bl-hatch';
export const LEGEND_ID = 'bl-legend';

function textNode(line: TextLine): SvgNode {
  return h(
    'text',
    {
      x: line.x,
      y: line.y,
      'font-size': line.size,
      'font-weight': line.bold ? 'bold' : undefined,
      'text-anchor': line.anchor && line.anchor !== 'start' ? line.anchor : undefined,
      'text-decoration': line.struck ? 'line-through' : undefined,
      fill: INK[line.role],
    },
    line.text,
  );
}

function axisLabel(label: AxisLabel): SvgNode {
  const text = h(
    'text',
    {
      x: label.rotate ? undefined : label.x,
      y: label.rotate ? undefined : label.y,
      transform: label.rotate ? `translate(${fmt(label.x)} ${fmt(label.y)}) rotate(${fmt(label.rotate)})` : undefined,
      'font-size': label.size,
      'text-anchor': label.anchor === 'start' ? undefined : label.anchor,
      fill: INK[label.role],
    },
    label.text,
  );
  // The raw token as the label's tooltip in a viewer, beside the text so the text stays the label alone.
  return label.raw ? h('g', {}, h('title', {}, label.raw), text) : text;
}

function hatchPattern(): SvgNode {
  return h(
    'pattern',
    { id: HATCH_ID, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    h('rect', { width: 6, height: 6, fill: HATCH.veil, 'fill-opacity': HATCH.veilOpacity }),
    h('rect', { width: 2, height: 6, fill: HATCH.line }),
  );
}

function legendGradient(legend: ColorLegend): SvgNode {
  return h(
    'linearGradient',
    { id: LEGEND_ID, x1: 0, y1: legend.vertical ? 1 : 0, x2: legend.vertical ? 0 : 1, y2: 0 },
    ...legend.stops.map((s) => h('stop', { offset: s.offset, 'stop-color': s.color })),
  );
}

function legendNodes(legend: ColorLegend): SvgNode[] {
  return [
    h('rect', { x: legend.x, y: legend.y, width: legend.width, height: legend.height, fill: `url(#${LEGEND_ID})` }),
    ...legend.ticks.map((t) => textNode(legend.vertical ? t : { ...t, anchor: t.key === 'high' ? 'end' : 'start' })),
  ];
}

function crossNodes(x: number, y: number, size: number): SvgNode[] {
  return crossLines(x, y, size).map(([x1, y1, x2, y2]) =>
    h('line', { x1, y1, x2, y2, stroke: CROSS_COLOR, 'stroke-width': 2 }),
  );
}

function keyNodes(item: KeyItem): SvgNode[] {
  const square = { x: item.x, y: item.y, width: item.size, height: item.size };
  const fill = item.hollow
    ? h('rect', {
        x: item.x + 1,
        y: item.y + 1,
        width: item.size - 2,
        height: item.size - 2,
        fill: 'none',
        stroke: item.color,
        'stroke-width': 2,
      })
    : h('rect', { ...square, fill: item.color });
  return [
    fill,
    ...(item.hatched
      ? [h('rect', { ...square, fill: `url(#${HATCH_ID})`, stroke: HATCH.line, 'stroke-width': 1 })]
      : []),
    ...(item.cross ? crossNodes(item.x, item.y, item.size) : []),
    textNode(item.label),
  ];
}

function matrixBody(f: MatrixFigure): SvgNode[] {
  return [
    ...f.rowLabels.map(axisLabel),
    ...f.colLabels.map(axisLabel),
    ...(f.n > 0
      ? [
          h('image', {
            x: f.grid.x,
            y: f.grid.y,
            width: f.grid.size,
            height: f.grid.size,
            preserveAspectRatio: 'none',
            'image-rendering': 'pixelated',
            'xlink:href': f.image.href,
          }),
        ]
      : []),
    ...legendNodes(f.legend),
    ...(f.headKey ? keyNodes(f.headKey) : []),
    ...f.segmentKey.flatMap(keyNodes),
    textNode(f.axisNote),
  ];
}

/** "M x0 y0 L x1 y1 …" for lines [start, end) of a head figure. */
export function linePath(f: HeadFigure, start: number, end: number): string {
  const parts: string[] = [];
  const x0 = fmt(f.lineX0);
  const x1 = fmt(f.lineX1);
  for (let k = start; k < end; k++) {
    parts.push(`M${x0} ${fmt(rowMiddle(f, f.lines.from[k]!))}L${x1} ${fmt(rowMiddle(f, f.lines.to[k]!))}`);
  }
  return parts.join('');
}

function headBody(f: HeadFigure): SvgNode[] {
  const lines = f.lines.groups.map((g) =>
    h('path', {
      d: linePath(f, g.start, g.end),
      fill: 'none',
      stroke: f.series[g.series]!.color,
      'stroke-opacity': g.opacity,
      'stroke-width': g.width,
      'stroke-linecap': 'round',
    }),
  );
  return [
    textNode(f.swatchCaption),
    ...f.swatches.flatMap(keyNodes),
    ...(f.aggregateKey ? keyNodes(f.aggregateKey) : []),
    ...f.columnCaptions.map(textNode),
    h('g', {}, ...lines),
    ...f.leftLabels.map(axisLabel),
    ...f.rightLabels.map(axisLabel),
  ];
}

function modelBody(f: ModelFigure): SvgNode[] {
  const images = f.cells.map((c) =>
    h('image', {
      x: c.x,
      y: c.y,
      width: f.cell,
      height: f.cell,
      preserveAspectRatio: 'none',
      'xlink:href': pngDataUrl(
        encodeIndexedPng({ width: f.cell, height: f.cell, indices: c.pixels, palette: VIRIDIS }),
      ),
    }),
  );
  const hatches = f.cells
    .filter((c) => !c.on)
    .map((c) => h('rect', { x: c.x, y: c.y, width: f.cell, height: f.cell, fill: `url(#${HATCH_ID})` }));
  return [
    ...f.headBars.map((b) => h('rect', { x: b.x, y: b.y, width: b.width, height: b.height, fill: b.color })),
    ...f.colLabels.map(textNode),
    ...f.rowLabels.map(textNode),
    ...(f.cells[0]?.pixels.length ? images : []),
    ...hatches,
    ...f.cells.filter((c) => c.ablated).flatMap((c) => crossNodes(c.x, c.y, f.cell)),
    ...legendNodes(f.legend),
    ...keyNodes(f.offKey),
    ...(f.ablatedKey ? keyNodes(f.ablatedKey) : []),
  ];
}

function body(figure: Figure): { nodes: SvgNode[]; legend: ColorLegend | null } {
  switch (figure.kind) {
    case 'matrix':
      return { nodes: matrixBody(figure), legend: figure.legend };
    case 'head':
      return { nodes: headBody(figure), legend: null };
    case 'model':
      return { nodes: modelBody(figure), legend: figure.legend };
  }
}

/** The figure as a standalone SVG document. */
export function figureSvg(figure: Figure): string {
  const { width, height, title, bodyX, bodyY } = figure.frame;
  const { nodes, legend } = body(figure);
  const root = h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      'xmlns:xlink': 'http://www.w3.org/1999/xlink',
      version: '1.1',
      width,
      height,
      viewBox: `0 0 ${fmt(width)} ${fmt(height)}`,
      'font-family': FONT_FAMILY,
    },
    h('title', {}, title.full),
    h('desc', {}, `BERTology Lens, ${figure.kind} view. Attention weights; layers and heads counted from 1.`),
    h('defs', {}, hatchPattern(), ...(legend ? [legendGradient(legend)] : [])),
    h('rect', { width, height, fill: PAPER }),
    h('g', {}, ...title.lines.map(textNode)),
    h('g', { transform: `translate(${fmt(bodyX)} ${fmt(bodyY)})` }, ...nodes),
  );
  return svgDocument(root);
}

/** A file name for the figure, e.g. "bertology-matrix-head-3-2.svg". */
export function figureFileName(figure: Figure, extension: 'svg' | 'png'): string {
  const slug = figure.heading
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `bertology-${figure.kind}-${slug || 'figure'}.${extension}`;
}
