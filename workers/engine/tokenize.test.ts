import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignWords,
  capText,
  CHARS_PER_TOKEN_READ,
  encodeInput,
  truncateLongestFirst,
  type TokenizerHandle,
} from './tokenize';

describe('truncateLongestFirst', () => {
  // [CLS] a a a [SEP] b b [SEP]
  const special = [true, false, false, false, true, false, false, true];
  const segments = [0, 0, 0, 0, 0, 1, 1, 1];
  it.each([
    [8, [1, 1, 1, 1, 1, 1, 1, 1]],
    [7, [1, 1, 1, 0, 1, 1, 1, 1]],
    [6, [1, 1, 1, 0, 1, 1, 0, 1]],
    [5, [1, 1, 0, 0, 1, 1, 0, 1]],
    [3, [1, 0, 0, 0, 1, 0, 0, 1]],
  ])('fits %i tokens by cutting the longer segment from its end', (max, expected) => {
    expect(truncateLongestFirst(special, segments, max).map(Number)).toEqual(expected);
  });
});

describe('assignWords', () => {
  it('joins ## pieces to the word before them and gives specials -1', () => {
    const pieces = ['[CLS]', 'the', 'bert', '##ology', 'lens', '[SEP]', '##x'];
    const special = [true, false, false, false, false, true, false];
    expect(assignWords(pieces, special, { kind: 'continuation', prefix: '##' })).toEqual([-1, 0, 1, 1, 2, -1, 3]);
  });
  it('starts words at BPE word markers', () => {
    const pieces = ['<s>', 'The', 'Ġcat', 'Ġsat', 'ting', '</s>'];
    const special = [true, false, false, false, false, true];
    expect(assignWords(pieces, special, { kind: 'word-start', markers: ['Ġ'] })).toEqual([-1, 0, 1, 2, 2, -1]);
  });
});

/** The strategy step by step, as Hugging Face describes it: the reference the fast version must match. */
function referenceLongestFirst(special: boolean[], segments: number[], maxTokens: number): boolean[] {
  const keep = special.map(() => true);
  const count = (s: number) => special.filter((sp, i) => keep[i] && !sp && segments[i] === s).length;
  let length = special.length;
  while (length > maxTokens && count(0) + count(1) > 0) {
    const segment = count(0) > count(1) ? 0 : 1;
    let i = special.length - 1;
    while (i >= 0 && !(keep[i] && !special[i] && segments[i] === segment)) i--;
    keep[i] = false;
    length--;
  }
  return keep;
}

describe('truncateLongestFirst at scale (issue 13, defect 5)', () => {
  it('matches the step-by-step strategy on random inputs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1 })), { maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (tokens, max) => {
          const special = tokens.map(([s]) => s);
          const segments = tokens.map(([, g]) => g);
          expect(truncateLongestFirst(special, segments, max)).toEqual(referenceLongestFirst(special, segments, max));
        },
      ),
      { seed: 13, numRuns: 500 },
    );
  });

  it('is linear: 200,000 tokens (one sentence, or a pair) are cut to 512 in well under a second', () => {
    for (const pair of [false, true]) {
      const n = 200_000;
      const special = Array.from({ length: n }, (_, i) => i === 0 || i === n - 1 || (pair && i === n / 2));
      const segments = Array.from({ length: n }, (_, i) => (pair && i > n / 2 ? 1 : 0));
      const t0 = performance.now();
      const keep = truncateLongestFirst(special, segments, 512);
      const ms = performance.now() - t0;
      expect(keep.filter(Boolean).length).toBe(512);
      expect(ms).toBeLessThan(500); // the quadratic version took 54 s
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
        const ids = [1, ...words.map(() => 5), 2];
        return { ids, tokens: ids.map(String), token_type_ids: ids.map(() => 0) };
      },
      id_to_token: (id) => String(id),
      token_to_id: () => undefined,
    },
    specialIds: new Set([1, 2]),
    maskTokenId: null,
    unkTokenId: null,
    scheme: { kind: 'continuation', prefix: '##' },
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
