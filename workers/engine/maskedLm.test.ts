import { describe, expect, it } from 'vitest';
import { tokenScore, topKPredictions } from './maskedLm';

// Two positions over a vocabulary of 4. Position 1: logits ln 1, ln 2, ln 3, ln 4 → probs 0.1, 0.2, 0.3, 0.4.
const logits = Float32Array.from([0, 0, 0, 0, Math.log(1), Math.log(2), Math.log(3), Math.log(4)]);

describe('masked-LM scores', () => {
  it('top-k are the most probable ids with their softmax probabilities', () => {
    const top = topKPredictions(logits, 4, 1, 2);
    expect(top.ids).toEqual([3, 2]);
    expect(top.probs[0]).toBeCloseTo(0.4, 6);
    expect(top.probs[1]).toBeCloseTo(0.3, 6);
  });

  it.each([
    [3, 0.4, 1],
    [0, 0.1, 4],
    [1, 0.2, 3],
  ])('token %i has probability %f and rank %i', (id, prob, rank) => {
    const score = tokenScore(logits, 4, 1, id);
    expect(score.prob).toBeCloseTo(prob, 6);
    expect(score.rank).toBe(rank);
  });

  it('a uniform row gives 1/V to every token', () => {
    expect(tokenScore(logits, 4, 0, 2)).toEqual({ prob: 0.25, rank: 1 });
  });
});
