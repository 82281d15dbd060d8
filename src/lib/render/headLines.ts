/**
 * The lines of the head view (bertviz idiom): one line from token i (left) to token j (right) per
 * series (a head, or an aggregate) where the weight reaches a threshold. Opacity and width follow the
 * weight in 20 steps, so lines of one series and step share a single path (or canvas stroke).
 *
 * A long input has hundreds of thousands of such lines, more than a canvas redraws quickly or a
 * vector editor opens; the whole picture then keeps the strongest steps (at most MAX_LINES lines,
 * and at most MAX_LINE_PIXELS pixels of line when the layout gives each line's length: an
 * anti-aliased canvas line costs in proportion to its length, and a 512-token view's lines are
 * thousands of pixels long), and hovering a token shows all of its own lines.
 */

export const LINE_THRESHOLD = 0.01;
export const LINE_STEPS = 20;
export const MAX_LINES = 20_000;
/** About 250 ms of anti-aliased line on a software-rendered canvas (70–180 ns a pixel in Chromium here, npm run bench). */
export const MAX_LINE_PIXELS = 2_500_000;
/** Lines shown for one hovered token (the [CLS] column of a long input can have thousands). */
export const MAX_TOKEN_LINES = 2_000;

export interface LineGroup {
  key: string;
  series: number;
  /** 1…LINE_STEPS. */
  step: number;
  opacity: number;
  width: number;
  /** Lines [start, end) of the flat arrays belong to this group. */
  start: number;
  end: number;
}

export interface HeadLines {
  from: Uint16Array;
  to: Uint16Array;
  groups: LineGroup[];
  /** Lines over the threshold that were left out to stay within the budget. */
  omitted: number;
  /** The weight above which lines are drawn (the threshold, or higher when lines were left out). */
  drawnAbove: number;
}

/** 1…LINE_STEPS; the tolerance keeps float32 weights like 0.1 (0.10000000149) on their step. */
export function lineStep(weight: number): number {
  return Math.max(1, Math.min(LINE_STEPS, Math.ceil(weight * LINE_STEPS - 1e-6)));
}

/** Calls visit(series, i, j, step) for every weight over the threshold, row by row. */
type LineSource = (visit: (series: number, i: number, j: number, step: number) => void) => void;

/**
 * Every weight of `matrices` over the threshold, read once into a list of lines, so that the budget
 * and grouping passes go over the lines only, not again over every weight (12 heads of 512 tokens
 * are 3.1M weights; the lines over the threshold at most 1/threshold a row).
 */
function everyLine(matrices: readonly Float32Array[], n: number, threshold: number): LineSource {
  let count = 0;
  let lines = new Uint16Array(4 * (1 << 14)); // series, i, j, step per line
  for (let s = 0; s < matrices.length; s++) {
    const m = matrices[s]!;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n; j++) {
        const w = m[row + j]!;
        if (!(w >= threshold)) continue;
        if (4 * count === lines.length) {
          const grown = new Uint16Array(2 * lines.length);
          grown.set(lines);
          lines = grown;
        }
        const at = 4 * count++;
        lines[at] = s;
        lines[at + 1] = i;
        lines[at + 2] = j;
        lines[at + 3] = lineStep(w);
      }
    }
  }
  return (visit) => {
    for (let k = 0; k < 4 * count; k += 4) visit(lines[k]!, lines[k + 1]!, lines[k + 2]!, lines[k + 3]!);
  };
}

/** Lines grouped by series then step (a counting sort), keeping steps from `minStep` up. */
function groupLines(
  source: LineSource,
  seriesCount: number,
  minStep: number,
): Omit<HeadLines, 'omitted' | 'drawnAbove'> {
  const buckets = seriesCount * LINE_STEPS;
  const counts = new Int32Array(buckets + 1);
  source((s, _i, _j, step) => {
    if (step >= minStep) counts[s * LINE_STEPS + step]!++;
  });
  for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
  const total = counts[buckets]!;
  const from = new Uint16Array(total);
  const to = new Uint16Array(total);
  const next = counts.slice(0, buckets);
  source((s, i, j, step) => {
    if (step < minStep) return;
    const at = next[s * LINE_STEPS + step - 1]!++;
    from[at] = i;
    to[at] = j;
  });
  const groups: LineGroup[] = [];
  for (let b = 0; b < buckets; b++) {
    if (counts[b + 1]! === counts[b]!) continue;
    const step = (b % LINE_STEPS) + 1;
    const series = Math.floor(b / LINE_STEPS);
    groups.push({
      key: `${series}-${step}`,
      series,
      step,
      opacity: step / LINE_STEPS,
      width: 1 + (2 * step) / LINE_STEPS,
      start: counts[b]!,
      end: counts[b + 1]!,
    });
  }
  return { from, to, groups };
}

/** How long a line from row i to row j is drawn, in pixels; with `pixelBudget`, the pixels the whole picture may have. */
export interface LineLength {
  length: (i: number, j: number) => number;
  pixelBudget: number;
}

/**
 * The lines of several [n, n] matrices, the strongest steps only when there are more than
 * `budget`, or (given `pixels`) more pixels of line than its budget.
 */
export function headLines(
  matrices: readonly Float32Array[],
  n: number,
  threshold = LINE_THRESHOLD,
  budget = MAX_LINES,
  pixels?: LineLength,
): HeadLines {
  return budgeted(everyLine(matrices, n, threshold), matrices.length, threshold, budget, pixels);
}

/** Keeps the strongest steps of `source` that fit in `budget` lines (and the pixel budget). */
function budgeted(
  source: LineSource,
  seriesCount: number,
  threshold: number,
  budget: number,
  pixels?: LineLength,
): HeadLines {
  const perStep = new Int32Array(LINE_STEPS + 2);
  const pixelsPerStep = new Float64Array(LINE_STEPS + 2);
  source((_s, i, j, step) => {
    perStep[step]!++;
    if (pixels) pixelsPerStep[step]! += pixels.length(i, j);
  });
  const pixelBudget = pixels?.pixelBudget ?? Infinity;
  let minStep = LINE_STEPS + 1;
  let kept = 0;
  let keptPixels = 0;
  const fits = (step: number) => kept + perStep[step]! <= budget && keptPixels + pixelsPerStep[step]! <= pixelBudget;
  // The strongest step is always kept, even when it alone is over the budget.
  while (minStep > 1 && (minStep > LINE_STEPS || fits(minStep - 1))) {
    minStep--;
    kept += perStep[minStep]!;
    keptPixels += pixelsPerStep[minStep]!;
  }
  let omitted = 0;
  for (let s = 1; s < minStep; s++) omitted += perStep[s]!;
  const drawnAbove = minStep === 1 ? threshold : (minStep - 1) / LINE_STEPS;
  return { ...groupLines(source, seriesCount, minStep), omitted, drawnAbove };
}

/** Every line from token `index` (side "from") or to it (side "to"), for hovering one token. */
export function tokenLines(
  matrices: readonly Float32Array[],
  n: number,
  side: 'from' | 'to',
  index: number,
  threshold = LINE_THRESHOLD,
  budget = MAX_TOKEN_LINES,
): HeadLines {
  const source: LineSource = (visit) =>
    matrices.forEach((m, s) => {
      for (let k = 0; k < n; k++) {
        const [i, j] = side === 'from' ? [index, k] : [k, index];
        const w = m[i * n + j]!;
        if (w >= threshold) visit(s, i, j, lineStep(w));
      }
    });
  return budgeted(source, matrices.length, threshold, budget);
}
