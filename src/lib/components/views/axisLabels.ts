/**
 * Token labels written as one piece of SVG markup: the head view of a 512-token input has 1,024
 * of them, which as components took about 40 ms to create when the view opens (most of the
 * longest task of switching to it). Same elements, classes and attributes as AxisText.svelte.
 */
import type { Action } from 'svelte/action';
import type { AxisLabel } from '../../render/figureParts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeMarkup = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export function labelMarkup(labels: readonly AxisLabel[], kind: string): string {
  let markup = '';
  for (const l of labels) {
    const place = l.rotate ? `transform="translate(${l.x} ${l.y}) rotate(${l.rotate})"` : `x="${l.x}" y="${l.y}"`;
    const anchor = l.anchor === 'start' ? '' : ` text-anchor="${l.anchor}"`;
    markup += `<text class="${escapeMarkup(kind)} ink-${l.role}" ${place} font-size="${l.size}"${anchor}>${escapeMarkup(l.text)}</text>`;
  }
  return markup;
}

export interface AxisLabelsParams {
  labels: readonly AxisLabel[];
  kind: string;
}

/** Fills an SVG <g> with the labels; a new figure with the same labels leaves the elements as they are. */
export const axisLabels: Action<SVGGElement, AxisLabelsParams> = (node, params) => {
  let shown = '';
  const show = ({ labels, kind }: AxisLabelsParams) => {
    const markup = labelMarkup(labels, kind);
    if (markup === shown) return;
    node.innerHTML = markup;
    shown = markup;
  };
  show(params);
  return { update: show };
};
