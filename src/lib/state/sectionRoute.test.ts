import { describe, expect, it } from 'vitest';
import { addressHasPicture, initialSection, withSection } from './sectionRoute';
import { readUrlState, writeUrlState } from './urlState';

const KNOWN = ['attention', 'mlm', 'claims'];

describe('initialSection', () => {
  it.each([
    ['', undefined, 'start'],
    ['?theme=dark', undefined, 'start'],
    ['?section=claims', 'claims', 'claims'],
    ['?section=mlm&model=demo', 'mlm', 'mlm'],
    ['?section=start', 'start', 'start'],
    // Links made before sections existed open the attention views they showed.
    ['?model=demo&text=Hello&view=head&layer=2&head=3', undefined, 'attention'],
    ['?text=A%20robin%20is%20a%20%5BMASK%5D.', undefined, 'attention'],
    ['?bench=64', undefined, 'attention'],
  ])('%s opens %s', (search, named, section) => {
    expect(initialSection(search, KNOWN, named)).toEqual({ section });
  });

  it('falls back, with a notice, for a section it does not know', () => {
    const read = initialSection('?section=nope&model=demo', KNOWN, 'nope');
    expect(read.section).toBe('attention');
    expect(read.notice).toMatch(/no section “nope”/);
    expect(initialSection('?section=nope', KNOWN, 'nope').section).toBe('start');
  });
});

describe('addressHasPicture', () => {
  it('counts anything but section and theme', () => {
    expect(addressHasPicture('?section=claims&theme=dark')).toBe(false);
    expect(addressHasPicture('?section=claims&model=demo')).toBe(true);
  });
});

describe('withSection', () => {
  it('puts the section first and keeps the rest', () => {
    expect(withSection('?model=demo&text=a+b', 'claims')).toBe('?section=claims&model=demo&text=a+b');
    expect(withSection('?section=mlm&model=demo', 'attention')).toBe('?section=attention&model=demo');
    expect(withSection('', 'start')).toBe('');
    expect(withSection('?section=claims', 'start')).toBe('');
  });
});

describe('section in the URL state', () => {
  it('round-trips and rejects what is not a section name', () => {
    const read = readUrlState('?section=claims&model=demo');
    expect(read.state.section).toBe('claims');
    expect(writeUrlState(read.state)).toBe('?section=claims&model=demo');
    const bad = readUrlState('?section=%3Cscript%3E');
    expect(bad.state.section).toBeUndefined();
    expect(bad.notices[0]).toMatch(/Ignored section/);
  });
});
