import { describe, expect, it } from 'vitest';
import { exportRefusal, fitHeads, inputKey, sameIdentity } from './resultIdentity';

describe('result identity (issue 13, defect 1)', () => {
  it('gives the same key to the same question, another to any change', () => {
    const base = {
      text: 'A [MASK].',
      topK: 10,
      ablate: [
        { layer: 1, head: 2 },
        { layer: 0, head: 3 },
      ],
      pinned: ['is'],
    };
    expect(inputKey(base)).toBe(
      inputKey({
        ...base,
        ablate: [
          { layer: 0, head: 3 },
          { layer: 1, head: 2 },
        ],
      }),
    );
    for (const changed of [
      { ...base, text: 'A [MASK]!' },
      { ...base, pair: 'B.' },
      { ...base, ablate: [] },
      { ...base, pinned: ['are'] },
    ]) {
      expect(inputKey(changed)).not.toBe(inputKey(base));
    }
  });

  it('refuses to export a 4-layer result under a 2-layer model, and an earlier text', () => {
    const model = { loadId: 2, layers: 2, heads: 4, label: 'tiny' };
    const current = { loadId: 2, input: 'now' };
    const old = { loadId: 1, attentionDims: [4, 4, 13, 13] };
    expect(exportRefusal(old, model, { loadId: 1, input: 'now' }, current)).toMatch(
      /not from tiny, the model now loaded/,
    );
    const fresh = { loadId: 2, attentionDims: [2, 4, 6, 6] };
    expect(exportRefusal(fresh, model, { loadId: 2, input: 'before' }, current)).toMatch(/earlier text/);
    expect(exportRefusal(fresh, model, { loadId: 2, input: 'now' }, current)).toBeNull();
    expect(sameIdentity(null, current)).toBe(false);
  });

  it('fits ablated heads to a smaller model and names the dropped ones, 1-based', () => {
    const all4 = [0, 1, 2, 3].map((head) => ({ layer: 3, head }));
    const { kept, notices } = fitHeads([{ layer: 0, head: 1 }, ...all4], 2, 4, 'Ablated');
    expect(kept).toEqual([{ layer: 0, head: 1 }]);
    expect(notices).toEqual(['Ablated heads 4-1, 4-2, 4-3, 4-4 dropped: this model has 2 layers of 4 heads.']);
    expect(fitHeads(kept, 2, 4, 'Ablated').notices).toEqual([]);
  });
});
