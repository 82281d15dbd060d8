/**
 * Drawing head-view lines on a 2D canvas. The whole picture is drawn once, offscreen, in slices
 * between frames, so no task blocks the page for long; the visible canvas only covers the part of
 * the view on screen (a long input's view is thousands of pixels tall), and hovering draws only
 * one token's lines there.
 */

import { rowMiddle, type HeadFigure } from '../../render/headFigure';
import type { HeadLines } from '../../render/headLines';

/**
 * Pixels of line per slice. Anti-aliased lines cost in proportion to their length (about 40 ns a
 * pixel on a software-rendered canvas), so a slice of 300k pixels stays near 15 ms.
 */
export const SLICE_PIXELS = 300_000;

type Geometry = Pick<HeadFigure, 'lineX0' | 'lineX1' | 'top' | 'rowHeight' | 'series'>;

/** Vertical range to draw in (CSS px of the figure); lines are cut to it before the canvas sees them. */
export interface Band {
  top: number;
  height: number;
}

/**
 * Draws lines [from, to) of `lines` (in group order), each cut to `band` when one is given (the
 * canvas would clip them too, but still pays for their whole length); without a band every line is
 * drawn whole. Returns how many lines were drawn.
 */
export function drawLines(
  ctx: CanvasRenderingContext2D,
  figure: Geometry,
  lines: HeadLines,
  from = 0,
  to = Infinity,
  band: Band | null = null,
): number {
  let count = 0;
  const x0 = figure.lineX0;
  const dx = figure.lineX1 - x0;
  // No infinite bounds: `-Infinity + Infinity` is NaN, and a NaN bound silently drops every sloped line.
  const clip = band !== null && Number.isFinite(band.top) && Number.isFinite(band.height);
  const lo = clip ? band.top - 4 : 0;
  const hi = clip ? band.top + band.height + 4 : 0;
  ctx.lineCap = 'butt';
  for (const group of lines.groups) {
    const start = Math.max(group.start, from);
    const end = Math.min(group.end, to);
    if (start >= end) continue;
    ctx.beginPath();
    for (let k = start; k < end; k++) {
      const y0 = rowMiddle(figure, lines.from[k]!);
      const y1 = rowMiddle(figure, lines.to[k]!);
      if (!clip) {
        ctx.moveTo(x0, y0);
        ctx.lineTo(x0 + dx, y1);
        continue;
      }
      if ((y0 < lo && y1 < lo) || (y0 > hi && y1 > hi)) continue;
      const dy = y1 - y0;
      // The part of the line inside [lo, hi], as fractions t of its length.
      const t0 = dy === 0 ? 0 : Math.max(0, Math.min((lo - y0) / dy, (hi - y0) / dy));
      const t1 = dy === 0 ? 1 : Math.min(1, Math.max((lo - y0) / dy, (hi - y0) / dy));
      ctx.moveTo(x0 + t0 * dx, y0 + t0 * dy);
      ctx.lineTo(x0 + t1 * dx, y0 + t1 * dy);
    }
    ctx.strokeStyle = figure.series[group.series]!.color;
    ctx.globalAlpha = group.opacity;
    ctx.lineWidth = group.width;
    ctx.stroke();
    count += end - start;
  }
  ctx.globalAlpha = 1;
  return count;
}

/** Draws all lines slice by slice, calling `onSlice` after each; returns a function that stops it. */
export function drawProgressively(
  ctx: CanvasRenderingContext2D,
  figure: Geometry,
  lines: HeadLines,
  onSlice: (drawn: number, done: boolean) => void,
): () => void {
  const total = lines.from.length;
  const span = figure.lineX1 - figure.lineX0;
  let at = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    if (stopped) return;
    let end = at;
    for (let pixels = 0; end < total && pixels < SLICE_PIXELS; end++) {
      pixels += Math.max(span, Math.abs(lines.to[end]! - lines.from[end]!) * figure.rowHeight);
    }
    drawLines(ctx, figure, lines, at, end);
    at = end;
    onSlice(at, at >= total);
    if (at < total) timer = setTimeout(step, 0);
  };
  // The first slice too gets a task of its own: the one that built the figure has had its share.
  timer = setTimeout(step, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The part of `el` (in its own CSS pixels, from its top) that the window and scrolling ancestors show. */
export function visibleBand(el: HTMLElement): { top: number; height: number } {
  const box = el.getBoundingClientRect();
  let top = Math.max(box.top, 0);
  let bottom = Math.min(box.bottom, window.innerHeight);
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if (overflow === 'visible') continue;
    const clip = p.getBoundingClientRect();
    top = Math.max(top, clip.top);
    bottom = Math.min(bottom, clip.bottom);
  }
  return { top: Math.max(0, top - box.top), height: Math.max(0, bottom - top) };
}
