/** Shorthands for the marks the chart builders make most: text labels and straight lines. */
import type { LineMark, TextMark } from './chart';

export function label(
  key: string,
  text: string,
  x: number,
  y: number,
  style: { size: number; fill: string; anchor?: TextMark['anchor']; rotate?: number; bold?: boolean },
): TextMark {
  return { kind: 'text', key, text, x, y, anchor: 'start', ...style };
}

export function rule(
  key: string,
  [x1, y1]: readonly [number, number],
  [x2, y2]: readonly [number, number],
  stroke: string,
  strokeWidth = 1,
  dash?: string,
): LineMark {
  return { kind: 'line', key, x1, y1, x2, y2, stroke, strokeWidth, ...(dash ? { dash } : {}) };
}
