import { scaleLinear } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { barFraction, isNonWord, isNonWordIn, percentTicks, shownGuesses } from './predictionScale';
import { familyOf, familyTokenizer } from '../../../workers/engine/testing/familyTokenizer';

describe('isNonWord', () => {
  it.each(['[SEP]', '[CLS]', '[UNK]', '</s>', '<pad>', '.', ',', '##(', '"', '...', 'Ġ,', '▁.'])(
    '%s is left out',
    (t) => expect(isNonWord(t)).toBe(true),
  );
  it.each(['took', '##ing', 'are', "don't", 'Ġthe', '▁cat', 'U.S.', '3', '##'])('%s is a word', (t) =>
    expect(isNonWord(t)).toBe(false),
  );
  it('keeps the order of the guesses it shows', () => {
    const tokens = ['took', '[SEP]', 'whom', '##(', 'most'];
    expect(shownGuesses(tokens, false)).toEqual([0, 2, 4]);
    expect(shownGuesses(tokens, true)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('isNonWordIn (by the family, not by the text)', () => {
  it.each(['roberta', 'xlm-r', 'albert'] as const)(
    'leaves out the %s specials and punctuation, keeps its words',
    (name) => {
      const family = familyOf(name);
      const id = (t: string) => familyTokenizer(name).core.token_to_id(t)!;
      const marker = family.boundary.kind === 'word-start' ? family.boundary.marker : '';
      for (const t of [family.tokens.sep!.text, family.tokens.cls!.text, family.tokens.unk!.text, ',', '.']) {
        expect(isNonWordIn(family, t, id(t))).toBe(true);
      }
      for (const t of [`${marker}keys`, `${marker}the`, 'ing']) expect(isNonWordIn(family, t, id(t))).toBe(false);
      const guesses = [`${marker}keys`, family.tokens.sep!.text, ','];
      expect(shownGuesses(guesses, false, { family, ids: guesses.map(id) })).toEqual([0]);
    },
  );
});

describe('barFraction', () => {
  it('is the square root of the probability, so 0.7% is a visible bar', () => {
    expect(barFraction(0.007)).toBeCloseTo(Math.sqrt(0.007), 12);
    expect(barFraction(0.007) * 200).toBeGreaterThan(16); // px on a 200 px bar
    expect(barFraction(1)).toBe(1);
    expect(barFraction(0)).toBe(0);
    expect(barFraction(Number.NaN)).toBe(0);
  });
  it('keeps the order of the probabilities', () => {
    const ps = [0.6, 0.2, 0.007, 0.001];
    const widths = ps.map(barFraction);
    expect([...widths].sort((a, b) => b - a)).toEqual(widths);
  });
});

describe('percentTicks', () => {
  it('never repeats a label below 1%', () => {
    const ticks = scaleLinear().domain([0, 0.0071]).nice().ticks(4);
    const labels = percentTicks(ticks);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(['0.0%', '0.2%', '0.4%', '0.6%', '0.8%']);
  });
  it.each([
    [
      [0, 0.2, 0.4, 0.6],
      ['0%', '20%', '40%', '60%'],
    ],
    [
      [0, 0.05, 0.1],
      ['0%', '5%', '10%'],
    ],
    [
      [0, 0.0005, 0.001],
      ['0.00%', '0.05%', '0.10%'],
    ],
  ])('%j', (ticks, labels) => expect(percentTicks(ticks)).toEqual(labels));
});
