import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels, type LabelBox } from './labelLayout';

const box = (x: number, y: number, width: number, height = 10): LabelBox => ({ x, y, width, height });

describe('placeLabels', () => {
  it('leaves labels that do not collide where they are', () => {
    expect(placeLabels([box(10, 50, 20), box(60, 50, 20), box(10, 20, 20)])).toEqual([50, 50, 20]);
  });

  it('moves a colliding label up, above the one placed first', () => {
    const [a, b] = placeLabels([box(40, 50, 40), box(60, 50, 40)]);
    expect(a).toBe(50);
    expect(b).toBeLessThanOrEqual(50 - 10 - 2);
  });

  it('never leaves two labels overlapping, whatever the input', () => {
    const arb = fc.array(
      fc.record({
        x: fc.integer({ min: 0, max: 300 }),
        y: fc.integer({ min: 40, max: 160 }),
        width: fc.integer({ min: 8, max: 70 }),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const boxes = raw.map((r) => box(r.x, r.y, r.width));
        const ys = placeLabels(boxes);
        const out = boxes.map((b, i) => ({ ...b, y: ys[i]! }));
        for (let i = 0; i < out.length; i++) {
          expect(ys[i]).toBeLessThanOrEqual(boxes[i]!.y); // only ever moved up
          for (let j = 0; j < i; j++) expect(overlaps(out[i]!, out[j]!)).toBe(false);
        }
      }),
    );
  });
});
