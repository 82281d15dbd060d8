import { describe, expect, it } from 'vitest';
import { fitText, quoteSentences, titleBlock, wrapText } from './titleBlock';

describe('fitText and wrapText', () => {
  it('cuts by code points, never inside an emoji', () => {
    expect(fitText('😀😀😀😀😀', 10, 24)).toBe('😀😀😀…');
    expect(fitText('short', 10, 600)).toBe('short');
  });

  it('wraps at spaces, cuts long words, and marks text left over', () => {
    expect(wrapText('aaa bbb ccc', 10, 42, 3)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij', 10, 30, 3)).toEqual(['abcde', 'fghij']);
    expect(wrapText('aaa bbb ccc ddd', 10, 42, 1)).toEqual(['aaa bb…']);
  });
});

describe('titleBlock', () => {
  it('heads with what is shown and the model, then the sentences, then notes; <title> text is uncut', () => {
    const long = 'word '.repeat(200).trim();
    const block = titleBlock('head 3-2', 'bert', long, 'B', ['a note'], 560);
    expect(block.lines[0]).toMatchObject({ text: 'head 3-2 · bert', size: 15, bold: true, x: 16 });
    expect(block.lines.filter((l) => l.key.startsWith('sentence'))).toHaveLength(3);
    expect(block.lines.at(-1)).toMatchObject({ text: 'a note', role: 'muted' });
    expect(block.full).toBe(`head 3-2 · bert · ${quoteSentences(long, 'B')}`);
    expect(block.paragraphs.map((p) => p.key)).toEqual(['heading', 'sentence', 'note-0']);
    const ys = block.lines.map((l) => l.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(block.height).toBeGreaterThan(ys.at(-1)!);
  });
});
