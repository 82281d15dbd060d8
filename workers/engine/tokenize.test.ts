import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BERT_UNCASED_FAMILY } from '../../src/lib/core/family';
import { capText, CHARS_PER_TOKEN_READ, encodeInput, truncateLongestFirst, type TokenizerHandle } from './tokenize';

describe('truncateLongestFirst', () => {
  it.each([
    [3, 2, 5, [3, 2]],
    [3, 2, 4, [2, 2]],
    [3, 2, 3, [2, 1]],
    [3, 2, 2, [1, 1]],
    [3, 2, 0, [0, 0]],
    [7, 0, 4, [4, 0]],
  ])('A=%i, B=%i in %i pieces keeps %j, cutting the longer from its end', (a, b, budget, expected) => {
    expect(truncateLongestFirst(a, b, budget)).toEqual(expected);
  });
});

/** The strategy step by step, as Hugging Face describes it: the reference the counted version must match. */
function referenceLongestFirst(lengthA: number, lengthB: number, budget: number): [number, number] {
  const a = Array.from({ length: lengthA }, () => true);
  const b = Array.from({ length: lengthB }, () => true);
  const kept = (xs: boolean[]) => xs.filter(Boolean).length;
  while (kept(a) + kept(b) > Math.max(0, budget) && kept(a) + kept(b) > 0) {
    const longer = kept(a) > kept(b) ? a : b;
    longer[longer.lastIndexOf(true)] = false;
  }
  return [kept(a), kept(b)];
}

describe('truncateLongestFirst at scale (issue 13, defect 5)', () => {
  it('matches the step-by-step strategy on random inputs', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.nat(60), fc.integer({ min: -2, max: 130 }), (a, b, budget) => {
        expect(truncateLongestFirst(a, b, budget)).toEqual(referenceLongestFirst(a, b, budget));
      }),
      { seed: 13, numRuns: 500 },
    );
  });

  it('is linear: 200,000 pieces (one sentence, or a pair) are cut to 510 in well under a second', () => {
    for (const [a, b] of [
      [200_000, 0],
      [100_000, 100_000],
    ] as const) {
      const t0 = performance.now();
      const [keepA, keepB] = truncateLongestFirst(a, b, 510);
      expect(keepA + keepB).toBe(510);
      expect(performance.now() - t0).toBeLessThan(500); // the quadratic version took 54 s
    }
  });
});

describe('the text read before tokenizing is capped (issue 13, defect 5)', () => {
  const seen: number[] = [];
  const tok: TokenizerHandle = {
    core: {
      encode(text, options) {
        seen.push(text.length + (options.text_pair?.length ?? 0));
        const words = text.split(/\s+/).filter(Boolean);
        const ids = words.map(() => 5);
        return { ids, tokens: ids.map(String), token_type_ids: ids.map(() => 0) };
      },
      id_to_token: (id) => String(id),
      token_to_id: () => undefined,
    },
    family: BERT_UNCASED_FAMILY,
  };

  it('reads at most maxTokens × CHARS_PER_TOKEN_READ characters of a 1 MB paste and says how much was left', () => {
    const text = 'word '.repeat(200_000);
    seen.length = 0;
    const encoded = encodeInput(tok, text, undefined, 512);
    expect(seen[0]).toBeLessThanOrEqual(512 * CHARS_PER_TOKEN_READ);
    expect(encoded.unreadChars).toBe(text.trim().length - 512 * CHARS_PER_TOKEN_READ);
    expect(encoded.inputIds).toHaveLength(512);
  });

  it('never splits a surrogate pair', () => {
    expect(capText('a😀b', 2)).toBe('a');
    expect(capText('a😀b', 3)).toBe('a😀');
    expect(capText('short', 100)).toBe('short');
  });
});
