/**
 * Dependency arcs over a sentence: the treebank's arcs above the words (head → dependent, with the
 * relation), and below them one head's guess for every word — the word it attends to most, as in
 * Clark et al. 2019 (sec. 4.2) — green when the tree has that arc in either direction.
 */

import { INK } from '../palette';
import { fmt } from '../svgWriter';
import { textWidth } from '../titleBlock';
import type { Chart, ChartContext, Mark } from './chart';
import { placeLabels } from './labelLayout';

export interface GoldArc {
  /** 0-based word indices; head -1 marks the root. */
  dependent: number;
  head: number;
  label: string;
}

export interface PredictedArc {
  from: number;
  to: number;
  /** The tree has an arc between the two words (either direction). */
  correct: boolean;
}

export interface DepArcsSpec extends ChartContext {
  words: readonly string[];
  gold: readonly GoldArc[];
  predicted: readonly PredictedArc[];
  /** Whose guesses the lower arcs are, e.g. "head 8-10". */
  headLabel: string;
}

const FONT = 13;
const SMALL = 10;
const GAP = 18;
export const ARC_COLORS = { gold: '#0B5FA5', correct: '#009E73', wrong: '#D55E00' } as const;

/** Centre x of each word when they are set in a row with GAP between them, starting at `left`. */
export function wordCentres(words: readonly string[], left: number): number[] {
  let x = left;
  return words.map((w) => {
    const width = Math.max(16, textWidth(w, FONT));
    const centre = x + width / 2;
    x += width + GAP;
    return centre;
  });
}

/** Height of an arc spanning `span` words, growing with the span up to `max`. */
export function arcHeight(span: number, max: number): number {
  return Math.min(max, 14 + 16 * Math.max(0, Math.abs(span) - 1) + 8);
}

/** A cubic arc from (x1, y) to (x2, y) bulging `height` up (negative) or down (positive); its top is at 3/4 of that. */
export function arcPath(x1: number, x2: number, y: number, height: number): string {
  return `M${fmt(x1)} ${fmt(y)}C${fmt(x1)} ${fmt(y + height)} ${fmt(x2)} ${fmt(y + height)} ${fmt(x2)} ${fmt(y)}`;
}

/** A small arrowhead at (x, y) pointing up (dir -1) or down (dir 1). */
function arrowHead(x: number, y: number, dir: 1 | -1): string {
  const back = y - dir * 6;
  return `M${fmt(x)} ${fmt(y)}L${fmt(x - 3.5)} ${fmt(back)}L${fmt(x + 3.5)} ${fmt(back)}Z`;
}

export function depArcsChart(spec: DepArcsSpec): Chart {
  const { words } = spec;
  const xs = wordCentres(words, 24);
  const maxSpan = Math.max(1, ...spec.gold.filter((a) => a.head >= 0).map((a) => Math.abs(a.head - a.dependent)));
  const up0 = Math.min(150, arcHeight(maxSpan, 150));
  // Relation labels sit at their arc's top; where two would overlap, one moves up (labelLayout).
  // Shortest arcs are placed first, so a label stays nearest the arc it names; the chart grows
  // upwards by what the moved labels need.
  const labelled = spec.gold
    .filter((a) => xs[a.dependent] !== undefined)
    .map((a) => {
      const root = a.head < 0 || xs[a.head] === undefined;
      const xd = xs[a.dependent]!;
      const span = root ? 0 : Math.abs(a.head - a.dependent);
      const x = root ? xd + 16 : (xs[a.head]! + xd) / 2;
      const y = root ? 30 - 24 - up0 : -arcHeight(a.head - a.dependent, up0 - 8) * 0.75 - 3;
      return { arc: a, span, box: { x, y, width: textWidth(a.label, SMALL), height: SMALL } };
    })
    .sort((a, b) => a.span - b.span || a.box.x - b.box.x);
  const placedY = placeLabels(labelled.map((l) => l.box));
  const labelY = new Map(labelled.map((l, i) => [l.arc.dependent, placedY[i]!]));
  const highest = Math.min(0, ...placedY.map((y) => y - SMALL));
  const up = Math.max(up0, -highest + 4);
  const maxDown = Math.max(1, ...spec.predicted.map((a) => Math.abs(a.to - a.from)));
  const down = Math.min(120, arcHeight(maxDown, 120));
  const upper = 24 + up; // baseline of the arcs above
  const textY = upper + 18;
  const lower = textY + 8; // start of the arcs below
  const marks: Mark[] = [];
  const label = (key: string, text: string, x: number, y: number, fill: string, size = SMALL) =>
    marks.push({ kind: 'text', key, text, x, y, size, fill, anchor: 'middle' });

  label(
    'caption-gold',
    'treebank (head → dependent)',
    12 + textWidth('treebank (head → dependent)', SMALL) / 2,
    14,
    ARC_COLORS.gold,
  );
  for (const arc of spec.gold) {
    const xd = xs[arc.dependent];
    if (xd === undefined) continue;
    if (arc.head < 0 || xs[arc.head] === undefined) {
      marks.push({
        kind: 'line',
        key: `root-${arc.dependent}`,
        x1: xd,
        x2: xd,
        y1: 22,
        y2: upper - 2,
        stroke: ARC_COLORS.gold,
        strokeWidth: 1.5,
      });
      marks.push({
        kind: 'path',
        key: `root-head-${arc.dependent}`,
        d: arrowHead(xd, upper, 1),
        fill: ARC_COLORS.gold,
        stroke: 'none',
        strokeWidth: 0,
      });
      label(`root-label-${arc.dependent}`, arc.label, xd + 16, upper + labelY.get(arc.dependent)!, ARC_COLORS.gold);
      continue;
    }
    const xh = xs[arc.head]!;
    const height = -arcHeight(arc.head - arc.dependent, up0 - 8);
    const tip = `${arc.label}: “${words[arc.head]}” → “${words[arc.dependent]}”`;
    marks.push({
      kind: 'path',
      key: `gold-${arc.dependent}`,
      d: arcPath(xh, xd, upper, height),
      fill: 'none',
      stroke: ARC_COLORS.gold,
      strokeWidth: 1.5,
      tip,
    });
    marks.push({
      kind: 'path',
      key: `gold-head-${arc.dependent}`,
      d: arrowHead(xd, upper, 1),
      fill: ARC_COLORS.gold,
      stroke: 'none',
      strokeWidth: 0,
    });
    label(`gold-label-${arc.dependent}`, arc.label, (xh + xd) / 2, upper + labelY.get(arc.dependent)!, ARC_COLORS.gold);
  }
  words.forEach((w, i) =>
    marks.push({
      kind: 'text',
      key: `word-${i}`,
      text: w,
      x: xs[i]!,
      y: textY,
      size: FONT,
      fill: INK.text,
      anchor: 'middle',
    }),
  );
  for (const arc of spec.predicted) {
    const xf = xs[arc.from];
    const xt = xs[arc.to];
    if (xf === undefined || xt === undefined) continue;
    const color = arc.correct ? ARC_COLORS.correct : ARC_COLORS.wrong;
    const tip = `${spec.headLabel}: “${words[arc.from]}” attends most to “${words[arc.to]}”${arc.correct ? ' (an arc of the tree)' : ''}`;
    marks.push({
      kind: 'path',
      key: `pred-${arc.from}`,
      d: arcPath(xf, xt, lower, arcHeight(arc.to - arc.from, down - 8)),
      fill: 'none',
      stroke: color,
      strokeWidth: 1.5,
      ...(arc.correct ? {} : { dash: '4 3' }),
      tip,
    });
    marks.push({
      kind: 'path',
      key: `pred-head-${arc.from}`,
      d: arrowHead(xt, lower, -1),
      fill: color,
      stroke: 'none',
      strokeWidth: 0,
    });
  }
  const bottom = lower + down + 12;
  const caption = `${spec.headLabel}: each word → the word it attends to most (green: an arc of the tree)`;
  label('caption-pred', caption, 12 + textWidth(caption, SMALL) / 2, bottom, INK.muted);
  const right = (xs.at(-1) ?? 24) + Math.max(16, textWidth(words.at(-1) ?? '', FONT)) / 2 + 24;
  return {
    kind: 'dependency-arcs',
    heading: spec.heading,
    model: spec.model,
    dataset: spec.dataset,
    notes: spec.notes ?? [],
    width: Math.max(right, 24 + textWidth(caption, SMALL), 360),
    height: bottom + 10,
    marks,
  };
}
