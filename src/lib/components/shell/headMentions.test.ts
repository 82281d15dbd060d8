import { describe, expect, it } from 'vitest';
import { splitHeadMentions } from './headMentions';

const heads = (text: string) =>
  splitHeadMentions(text)
    .filter((p) => 'layer' in p)
    .map((p) => ('layer' in p ? [p.text, p.layer, p.head] : []));

describe('splitHeadMentions', () => {
  it.each([
    [
      'head 3-2: 41.0% (offset +1: 35.0%); head 8-10 not in this model',
      [
        ['head 3-2', 2, 1],
        ['head 8-10', 7, 9],
      ],
    ],
    [
      '4-2 (3.17 nats), 4-3 (3.11 nats), 4-1 (3.09 nats)',
      [
        ['4-2', 3, 1],
        ['4-3', 3, 2],
        ['4-1', 3, 0],
      ],
    ],
    [
      '5 heads ablated: 1-1, 1-2, 2-1.',
      [
        ['1-1', 0, 0],
        ['1-2', 0, 1],
        ['2-1', 1, 0],
      ],
    ],
    ['over half of the attention in layers 6-10', []],
    ['layer 6-10, offset -1, 2.66 vs 2.95, 3-*, 0-1, 1-2-3, 12.5-3', []],
  ])('%s', (text, expected) => {
    expect(heads(text)).toEqual(expected);
  });

  it('keeps every character, in order', () => {
    const text = 'best head 3-2: 41%; then 1-4.';
    expect(
      splitHeadMentions(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });
});
