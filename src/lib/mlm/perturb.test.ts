import { describe, expect, it } from 'vitest';
import { removeWord, shuffleWords, truncateBeforeMask } from './perturb';

describe('perturbations (Ettinger 2019)', () => {
  const text = 'The keys to the cabinet [MASK] on the table.';

  it('shuffles deterministically and keeps every word, [MASK] included', () => {
    const shuffled = shuffleWords(text, 7);
    expect(shuffled).toBe(shuffleWords(text, 7));
    expect(shuffled).not.toBe(text);
    expect(shuffled.split(' ').sort()).toEqual(text.split(' ').sort());
  });

  it.each([
    ['keys', 'The to the cabinet [MASK] on the table.'],
    ['table', 'The keys to the cabinet [MASK] on the.'],
    ['Cabinet', 'The keys to the [MASK] on the table.'],
    ['absent', 'The keys to the cabinet [MASK] on the table.'],
  ])('removing "%s" gives "%s"', (word, expected) => {
    expect(removeWord(text, word)).toBe(expected);
  });

  it.each([
    [2, 'the cabinet [MASK] on the table.'],
    [0, '[MASK] on the table.'],
    [10, text],
  ])('keeping %i words before [MASK] gives "%s"', (keep, expected) => {
    expect(truncateBeforeMask(text, keep)).toBe(expected);
  });
});
