import { describe, expect, it } from 'vitest';
import type { AttentionDims } from './attentionTensor';
import { rollout, rolloutAllLayers, type RolloutOptions } from './rollout';

// 2 layers × 2 heads of 2×2 matrices.
const dims: AttentionDims = [2, 2, 2, 2];
// prettier-ignore
const attention = new Float32Array([
  0.0, 1.0, 1.0, 0.0, // layer 0 head 0
  0.5, 0.5, 0.5, 0.5, // layer 0 head 1
  1.0, 0.0, 1.0, 0.0, // layer 1 head 0
  1.0, 0.0, 0.6, 0.4, // layer 1 head 1
]);
// Worked by hand:
// layer 0: mean [.25 .75; .75 .25] → Â0 = [.625 .375; .375 .625]
// layer 1: mean [1 0; .8 .2]       → Â1 = [1 0; .4 .6]
// Â1·Â0 = [.625 .375; .4·.625+.6·.375  .4·.375+.6·.625] = [.625 .375; .475 .525]
// (the other order, Â0·Â1, would give row 0 = [.775 .225])
const A0 = [0.625, 0.375, 0.375, 0.625];
const A1_A0 = [0.625, 0.375, 0.475, 0.525];

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
}

describe('rollout', () => {
  it.each<[string, RolloutOptions, number[]]>([
    ['chains all layers by default, bottom layer first', {}, A1_A0],
    ['stops at upToLayer', { upToLayer: 0 }, A0],
    ['includes upToLayer itself', { upToLayer: 1 }, A1_A0],
    // Â0 from head 1 = [.75 .25; .25 .75]; Â1 from head 0 = [1 0; .5 .5]; product row 1 = .5·[.75 .25] + .5·[.25 .75]
    ['averages only the chosen heads of each layer', { headsPerLayer: [[1], [0]] }, [0.75, 0.25, 0.5, 0.5]],
    ['treats a missing entry as all heads and an empty one as identity', { headsPerLayer: [undefined, []] }, A0],
    ['lets an empty first layer pass the input through', { headsPerLayer: [[]] }, [1, 0, 0.4, 0.6]],
    ['counts a repeated head once', { headsPerLayer: [[1, 1], [0]] }, [0.75, 0.25, 0.5, 0.5]],
  ])('%s', (_, options, expected) => {
    expectClose(rollout(attention, dims, options), expected);
  });

  it('renormalises rows that do not sum to 1', () => {
    // 0.5·[.6 .6; 0 1] + 0.5·I = [.8 .3; 0 1] → row 0 / 1.1
    expectClose(rollout(new Float32Array([0.6, 0.6, 0, 1]), [1, 1, 2, 2]), [8 / 11, 3 / 11, 0, 1]);
  });

  it('works over three tokens', () => {
    // one layer, one head: Â = 0.5·A + 0.5·I
    const single = new Float32Array([0.2, 0.3, 0.5, 0, 0, 1, 0.4, 0.4, 0.2]);
    expectClose(rollout(single, [1, 1, 3, 3]), [0.6, 0.15, 0.25, 0, 0.5, 0.5, 0.2, 0.2, 0.6]);
  });

  it.each<[string, RolloutOptions, RegExp]>([
    ['a layer past the top', { upToLayer: 2 }, /layer 3: the model has 2 layers/],
    ['a negative layer', { upToLayer: -1 }, /layer 0: the model has 2 layers/],
    ['heads for too many layers', { headsPerLayer: [[0], [0], [0]] }, /3 layers, but the model has 2/],
    ['a head out of range', { headsPerLayer: [[2]] }, /outside/],
  ])('rejects %s', (_, options, message) => {
    expect(() => rollout(attention, dims, options)).toThrow(message);
  });
});

describe('rolloutAllLayers', () => {
  it('returns the rollout after each layer as [L, S, S]', () => {
    expectClose(rolloutAllLayers(attention, dims), [...A0, ...A1_A0]);
  });

  it('passes the head choice to every layer', () => {
    expectClose(
      rolloutAllLayers(attention, dims, { headsPerLayer: [[1], [0]] }),
      [0.75, 0.25, 0.25, 0.75, 0.75, 0.25, 0.5, 0.5],
    );
  });
});
