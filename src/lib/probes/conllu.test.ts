import { describe, expect, it } from 'vitest';
import { ConlluError, countRelations, parseConllu } from './conllu';

/** One word line: the columns the parser reads, with "_" elsewhere. */
function row(id: number | string, form: string, head: number | string, deprel: string, misc = '_'): string {
  return [id, form, form.toLowerCase(), 'X', '_', '_', head, deprel, '_', misc].join('\t');
}

const GOOD = [
  '# sent_id = s1',
  '# text = Dogs bark.',
  row(1, 'Dogs', 2, 'nsubj'),
  row(2, 'bark', 0, 'root'),
  row(3, '.', 2, 'punct'),
  '',
].join('\n');

function errorOf(text: string): ConlluError {
  try {
    parseConllu(text);
  } catch (e) {
    if (e instanceof ConlluError) return e;
    throw e;
  }
  throw new Error('expected a ConlluError');
}

describe('parseConllu', () => {
  it('reads ids, text and the basic tree', () => {
    const [s] = parseConllu(GOOD);
    expect(s).toEqual({
      id: 's1',
      text: 'Dogs bark.',
      words: [
        { id: 1, form: 'Dogs', lemma: 'dogs', upos: 'X', head: 2, deprel: 'nsubj' },
        { id: 2, form: 'bark', lemma: 'bark', upos: 'X', head: 0, deprel: 'root' },
        { id: 3, form: '.', lemma: '.', upos: 'X', head: 2, deprel: 'punct' },
      ],
    });
  });

  it('reads several sentences, CRLF line endings and a file without the final blank line', () => {
    const two = `${GOOD}\n${GOOD.replace('s1', 's2').trimEnd()}`.replace(/\n/g, '\r\n');
    expect(parseConllu(two).map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('numbers sentences without sent_id and rebuilds text from the forms and SpaceAfter=No', () => {
    const text = [row(1, 'Hi', 0, 'root', 'SpaceAfter=No'), row(2, '!', 1, 'punct'), ''].join('\n');
    expect(parseConllu(`${GOOD}\n${text}`)[1]).toMatchObject({ id: '2', text: 'Hi!' });
  });

  it('skips multiword-token and empty-node lines but keeps the words', () => {
    const text = [
      "# text = Don't go",
      row('1-2', "Don't", '_', '_'),
      row(1, 'Do', 3, 'aux'),
      row(2, "n't", 3, 'advmod'),
      row('2.1', 'go', '_', '_'),
      row(3, 'go', 0, 'root'),
      '',
    ].join('\n');
    const [s] = parseConllu(text);
    expect(s!.words.map((w) => w.form)).toEqual(['Do', "n't", 'go']);
  });

  it('ignores blocks made only of comments', () => {
    expect(parseConllu(`# newdoc id = d1\n\n${GOOD}`)).toHaveLength(1);
    expect(parseConllu('')).toEqual([]);
  });

  it('counts relations, with or without subtypes', () => {
    const text = [row(1, 'Her', 2, 'nmod:poss'), row(2, 'cat', 3, 'nsubj'), row(3, 'left', 0, 'root'), ''].join('\n');
    const sentences = parseConllu(text);
    expect(countRelations(sentences).get('nmod:poss')).toBe(1);
    expect(countRelations(sentences, { subtypes: false }).get('nmod')).toBe(1);
  });
});

describe('parseConllu errors', () => {
  it('reports a wrong column count', () => {
    const text = GOOD.replace(row(2, 'bark', 0, 'root'), row(2, 'bark', 0, 'root').split('\t').slice(0, 9).join('\t'));
    expect(errorOf(text).message).toBe('Line 4: expected 10 tab-separated columns, found 9.');
  });

  it('says so when columns are separated by spaces', () => {
    const text = GOOD.replace(row(1, 'Dogs', 2, 'nsubj'), '1 Dogs dog NOUN _ _ 2 nsubj _ _');
    const error = errorOf(text);
    expect(error.message).toBe(
      'Line 3: expected 10 tab-separated columns, found 1 (columns must be separated by tabs, not spaces).',
    );
    expect(error.line).toBe(3);
    expect(error.name).toBe('ConlluError');
  });

  it('reports an empty column', () => {
    const text = GOOD.replace(row(3, '.', 2, 'punct'), row(3, '.', 2, 'punct').replace('\tX\t', '\t\t'));
    expect(errorOf(text).message).toBe('Line 5: column 4 (UPOS) is empty; write "_" for an empty field.');
  });

  it('reports an ID that is not a whole number', () => {
    expect(errorOf(GOOD.replace(row(2, 'bark', 0, 'root'), row('2a', 'bark', 0, 'root'))).message).toBe(
      'Line 4: ID "2a" is not a whole number.',
    );
  });

  it('reports IDs out of order', () => {
    expect(errorOf(GOOD.replace(row(2, 'bark', 0, 'root'), row(4, 'bark', 0, 'root'))).message).toBe(
      'Line 4: ID 4 should be 2 (word IDs run 1, 2, 3, … in order).',
    );
  });

  it('reports a HEAD that is not a number', () => {
    expect(errorOf(GOOD.replace(row(1, 'Dogs', 2, 'nsubj'), row(1, 'Dogs', '_', 'nsubj'))).message).toBe(
      'Line 3: HEAD "_" is not a whole number.',
    );
  });

  it('reports a HEAD outside the sentence', () => {
    expect(errorOf(GOOD.replace(row(3, '.', 2, 'punct'), row(3, '.', 14, 'punct'))).message).toBe(
      'Line 5: HEAD 14 is outside the sentence (3 words).',
    );
  });

  it('reports a missing DEPREL', () => {
    expect(errorOf(GOOD.replace(row(3, '.', 2, 'punct'), row(3, '.', 2, '_'))).message).toBe(
      'Line 5: DEPREL is missing ("_"); every word needs a relation.',
    );
  });

  it('requires "root" exactly on the word with HEAD 0', () => {
    expect(errorOf(GOOD.replace(row(2, 'bark', 0, 'root'), row(2, 'bark', 0, 'nsubj'))).message).toBe(
      'Line 4: HEAD is 0 but DEPREL is "nsubj"; the word with HEAD 0 must be "root".',
    );
    expect(errorOf(GOOD.replace(row(3, '.', 2, 'punct'), row(3, '.', 2, 'root'))).message).toBe(
      'Line 5: DEPREL is "root" but HEAD is 2; the root must have HEAD 0.',
    );
  });

  it('reports a sentence without a root, on its first line', () => {
    const text = GOOD.replace(row(2, 'bark', 0, 'root'), row(2, 'bark', 1, 'dep'));
    expect(errorOf(text).message).toBe(
      'Line 1: this sentence has no root (no word with HEAD 0); it needs exactly one.',
    );
  });

  it('reports a second root', () => {
    expect(errorOf(GOOD.replace(row(3, '.', 2, 'punct'), row(3, '.', 0, 'root'))).message).toBe(
      'Line 5: a second root: words 2 and 3 both have HEAD 0; a sentence has exactly one root.',
    );
  });

  it('reports a word that is its own head', () => {
    expect(errorOf(GOOD.replace(row(3, '.', 2, 'punct'), row(3, '.', 3, 'punct'))).message).toBe(
      'Line 5: word 3 is its own head.',
    );
  });

  it('reports a cycle on the line of its first word', () => {
    const text = [
      '# sent_id = c',
      row(1, 'a', 0, 'root'),
      row(2, 'b', 4, 'dep'),
      row(3, 'c', 2, 'dep'),
      row(4, 'd', 3, 'dep'),
      '',
    ].join('\n');
    expect(errorOf(`${GOOD}\n${text}`).message).toBe(
      'Line 9: words 2 → 4 → 3 → 2 form a cycle of heads, so they never reach the root.',
    );
  });

  it('reports a repeated sent_id', () => {
    expect(errorOf(`${GOOD}\n${GOOD}`).message).toBe('Line 7: sent_id "s1" is used twice (first on line 1).');
  });

  it('reports a comment among the words of a sentence', () => {
    const text = GOOD.replace(row(3, '.', 2, 'punct'), `# oops\n${row(3, '.', 2, 'punct')}`);
    expect(errorOf(text).message).toBe(
      'Line 5: a comment line comes after the words of a sentence; comments go before the first word, and sentences are separated by a blank line.',
    );
  });

  it('reports a multiword token that does not start at the next word', () => {
    const text = GOOD.replace(row(2, 'bark', 0, 'root'), `${row('3-4', 'x', '_', '_')}\n${row(2, 'bark', 0, 'root')}`);
    expect(errorOf(text).message).toBe(
      'Line 4: multiword token 3-4 should span words 2 onwards (first number = next word ID, second larger).',
    );
  });
});

describe('a 5 MB CoNLL-U line (issue 13, defect 11)', () => {
  it('is refused by its line number before any parsing', () => {
    const text = ['# sent_id = s1', row(1, 'a'.repeat(5_000_000), 0, 'root'), ''].join('\n');
    expect(() => parseConllu(text)).toThrow(
      /^Line 2: the line is 10,000,020 characters long; a CoNLL-U line is at most 10,000\.$/,
    );
    expect(parseConllu([row(1, 'b'.repeat(4000), 0, 'root'), ''].join('\n'))).toHaveLength(1);
  });
});
