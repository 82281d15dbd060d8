/**
 * Places text labels so no two overlap: each keeps its x and moves up, a row at a time, from its
 * preferred place until it clears every label placed before it. Labels are placed in the order
 * given (put the ones that must not move first, e.g. the arcs with the shortest span).
 */

export interface LabelBox {
  /** Centre x (labels are drawn text-anchor="middle"). */
  x: number;
  /** Baseline y. */
  y: number;
  width: number;
  /** Height of the text above the baseline. */
  height: number;
}

const PAD = 2;

export function overlaps(a: LabelBox, b: LabelBox): boolean {
  return (
    Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * PAD && a.y - a.height - PAD < b.y && b.y - b.height - PAD < a.y
  );
}

/** The baseline y of each label after moving it clear of the ones before it. */
export function placeLabels(boxes: readonly LabelBox[]): number[] {
  const placed: LabelBox[] = [];
  return boxes.map((box) => {
    const at = { ...box };
    // Every step clears at least one placed box or lands above it, so this ends.
    for (let guard = 0; guard <= placed.length && placed.some((p) => overlaps(at, p)); guard++) {
      const lowest = Math.max(...placed.filter((p) => overlaps(at, p)).map((p) => p.y - p.height - PAD));
      at.y = Math.min(at.y - 1, lowest);
    }
    placed.push(at);
    return at.y;
  });
}
