import { describe, expect, it } from 'vitest';
import { rollout, rolloutAllLayers } from '../analysis/rollout';
import { headsOff, headsOn, isHeadOn, resolveSource, sourceMatrix, sourceName, type Source } from './selection';
import { tinyRun } from './testing/tinyRun';

const toggles = { offHeads: [{ layer: 0, head: 1 }], offLayers: [2] };
const dims = [3, 2, 6, 6] as const;

describe('switched-on heads', () => {
  it('a head is off by itself or with its layer', () => {
    expect(isHeadOn(toggles, 0, 0)).toBe(true);
    expect(isHeadOn(toggles, 0, 1)).toBe(false);
    expect(isHeadOn(toggles, 2, 0)).toBe(false);
    expect(headsOn(toggles, dims, 0)).toEqual([0]);
    expect(headsOn(toggles, dims, 1)).toEqual([0, 1]);
    expect(headsOn(toggles, dims, 2)).toEqual([]);
  });

  it('headsOff expands whole layers, as an ablation needs', () => {
    expect(headsOff(toggles, dims)).toEqual([
      { layer: 0, head: 1 },
      { layer: 2, head: 0 },
      { layer: 2, head: 1 },
    ]);
  });
});

describe('resolveSource and sourceName', () => {
  const base = { layer: 1, head: 1, ...toggles };
  it.each([
    ['head', 'head 2-2'],
    ['mean', 'mean of 2 heads, layer 2'],
    ['layer', 'mean of 3 heads, all 3 layers'],
    ['rollout', 'rollout to layer 2'],
  ] as const)('%s → "%s"', (aggregate, name) => {
    const resolved = resolveSource({ ...base, aggregate }, dims);
    expect(resolved.ok && sourceName(resolved.source)).toBe(name);
  });

  it('rollout takes each layer’s switched-on heads up to the layer', () => {
    const resolved = resolveSource({ ...base, layer: 2, aggregate: 'rollout' }, dims);
    expect(resolved.ok && resolved.source).toEqual({ kind: 'rollout', layer: 2, headsPerLayer: [[0], [0, 1], []] });
  });

  it('says when there is nothing to average, and when a head is outside the model', () => {
    expect(resolveSource({ ...base, layer: 2, aggregate: 'mean' }, dims)).toEqual({
      ok: false,
      message: 'Every head of layer 3 is switched off, so there is nothing to average. Switch a head on.',
    });
    const allOff = { offHeads: [], offLayers: [0, 1, 2], layer: 0, head: 0, aggregate: 'layer' as const };
    expect(resolveSource(allOff, dims)).toMatchObject({ ok: false, message: /Every head is switched off/ });
    expect(resolveSource({ ...base, head: 5, aggregate: 'head' }, dims)).toMatchObject({
      ok: false,
      message: 'head 2-6 is outside this model (3 layers × 2 heads).',
    });
  });
});

describe('sourceMatrix', () => {
  const run = tinyRun();
  const at = (l: number, h: number, i: number, j: number) => run.attention[((l * 2 + h) * 6 + i) * 6 + j]!;

  it('the mean of heads is the elementwise mean', () => {
    const mean = sourceMatrix(run.attention, run.dims, { kind: 'mean', layer: 1, heads: [0, 1] });
    for (const [i, j] of [
      [0, 0],
      [2, 3],
      [5, 4],
    ] as const) {
      expect(mean[i * 6 + j]).toBeCloseTo((at(1, 0, i, j) + at(1, 1, i, j)) / 2, 7);
    }
    const whole = sourceMatrix(run.attention, run.dims, {
      kind: 'layer',
      layers: 3,
      heads: [
        { layer: 0, head: 0 },
        { layer: 2, head: 1 },
      ],
    });
    expect(whole[9]).toBeCloseTo((at(0, 0, 1, 3) + at(2, 1, 1, 3)) / 2, 7);
  });

  it('rollout from a cache of every layer is bit-for-bit the direct computation', () => {
    const headsPerLayer = [[0], [0, 1], [1]];
    const all = rolloutAllLayers(run.attention, run.dims, { headsPerLayer });
    const source: Source = { kind: 'rollout', layer: 1, headsPerLayer: headsPerLayer.slice(0, 2) };
    const cached = sourceMatrix(run.attention, run.dims, source, (s) => all.subarray(s.layer * 36, (s.layer + 1) * 36));
    const direct = sourceMatrix(run.attention, run.dims, source);
    expect(Array.from(cached)).toEqual(Array.from(direct));
    expect(Array.from(direct)).toEqual(Array.from(rollout(run.attention, run.dims, { upToLayer: 1, headsPerLayer })));
  });
});
