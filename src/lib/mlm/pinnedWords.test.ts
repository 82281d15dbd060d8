import { describe, expect, it } from 'vitest';
import { MAX_PINNED, parsePinned, uniquePinned } from './pinnedWords';

describe('pinned words (issue 13, defect 4)', () => {
  it.each([
    ['is, is', ['is']],
    ['is, are, is , are', ['is', 'are']],
    [' , ,is,,', ['is']],
    ['Is, is', ['Is', 'is']],
    ['', []],
  ])('%j pins %j, each word once', (text, words) => {
    expect(parsePinned(text)).toEqual(words);
  });

  it(`keeps at most ${MAX_PINNED} words`, () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`);
    expect(uniquePinned(words)).toEqual(words.slice(0, MAX_PINNED));
  });
});
