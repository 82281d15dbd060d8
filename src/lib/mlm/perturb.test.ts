import { describe, expect, it } from 'vitest';
import { BERT_UNCASED_FAMILY, type ModelFamily } from '../core/family';
import { FAMILY_NAMES } from '../core/testing/familyFiles';
import { familyOf, familyTokens } from '../../../workers/engine/testing/familyTokenizer';
import { removeWord, shuffleWords, truncateBeforeMask } from './perturb';

describe('perturbations (Ettinger 2019)', () => {
  const text = 'The keys to the cabinet [MASK] on the table.';
  const bert = BERT_UNCASED_FAMILY;

  it('shuffles deterministically and keeps every word, [MASK] included', () => {
    const shuffled = shuffleWords(text, bert, 7);
    expect(shuffled).toBe(shuffleWords(text, bert, 7));
    expect(shuffled).not.toBe(text);
    expect(shuffled.split(' ').sort()).toEqual(text.split(' ').sort());
  });

  it.each([
    ['keys', 'The to the cabinet [MASK] on the table.'],
    ['table', 'The keys to the cabinet [MASK] on the.'],
    ['Cabinet', 'The keys to the [MASK] on the table.'],
    ['absent', 'The keys to the cabinet [MASK] on the table.'],
  ])('removing "%s" gives "%s"', (word, expected) => {
    expect(removeWord(text, word, bert)).toBe(expected);
  });

  it.each([
    [2, 'the cabinet [MASK] on the table.'],
    [0, '[MASK] on the table.'],
    [10, text],
  ])('keeping %i words before [MASK] gives "%s"', (keep, expected) => {
    expect(truncateBeforeMask(text, keep, bert)).toBe(expected);
  });

  // Each family's mask token comes out of every perturbation, and its tokenizer reads it as the mask id.
  it.each(FAMILY_NAMES)('writes %s’s own mask token, which its tokenizer reads as one mask', (name) => {
    const family: ModelFamily = familyOf(name);
    const mask = family.tokens.mask!;
    const outputs = [
      shuffleWords(text, family, 3),
      removeWord(text, 'keys', family),
      truncateBeforeMask(text, 2, family),
      truncateBeforeMask(text.replace('[MASK]', mask.text), 1, family),
    ];
    expect(outputs[2]).toBe(`the cabinet ${mask.text} on the table.`);
    expect(outputs[3]).toBe(`cabinet ${mask.text} on the table.`);
    for (const out of outputs) {
      expect(out.split(mask.text)).toHaveLength(2);
      expect(familyTokens(name, out).filter((t) => t.id === mask.id)).toHaveLength(1);
    }
  });
});
