import { describe, expect, it } from 'vitest';
import { CorpusError, parseCorpus } from './corpus';

describe('parseCorpus', () => {
  it('reads sentences and pairs, skipping blank lines and comments', () => {
    const text = '# a comment\n\nThe cat sat.\n  # indented comment\nIt rained. ||| We stayed in.\r\n   \n';
    expect(parseCorpus(text)).toEqual([{ a: 'The cat sat.' }, { a: 'It rained.', b: 'We stayed in.' }]);
  });

  it('rejects a line with more than one separator', () => {
    const run = (): unknown => parseCorpus('One.\nA ||| B ||| C\n');
    expect(run).toThrow(CorpusError);
    expect(run).toThrow('Line 2: "|||" appears 2 times; a line holds one sentence or one pair "A ||| B".');
  });

  it('rejects a pair with an empty side', () => {
    expect(() => parseCorpus('||| B')).toThrow(
      'Line 1: the first sentence of the pair is empty; write "A ||| B" with text on both sides.',
    );
    expect(() => parseCorpus('\nA |||')).toThrow(
      'Line 2: the second sentence of the pair is empty; write "A ||| B" with text on both sides.',
    );
  });

  it('keeps the line number on the error', () => {
    try {
      parseCorpus('a\nb\nc ||| d ||| e');
    } catch (e) {
      expect(e).toBeInstanceOf(CorpusError);
      expect((e as CorpusError).line).toBe(3);
      return;
    }
    throw new Error('expected a CorpusError');
  });
});
