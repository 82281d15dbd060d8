import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, MAX_ADDRESS, type TextStore } from './urlText';
import { MAX_TEXT, readUrlState, writeUrlState, type UrlState } from './urlState';

function memoryStore(limit = Infinity): TextStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > limit) throw new Error('QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
  };
}

const ORIGIN_AND_PATH = 'http://127.0.0.1:4173/';
const ROOM = MAX_ADDRESS - ORIGIN_AND_PATH.length - 200;

/** A deterministic CJK text: common ideographs in an order that does not repeat (compresses poorly). */
function cjk(n: number): string {
  let x = 7;
  return Array.from({ length: n }, () => {
    x = (x * 48271) % 2147483647;
    return String.fromCodePoint(0x4e00 + (x % 20000));
  }).join('');
}

describe('the text in the address (issue 13, defect 3)', () => {
  it.each([
    ['a sentence', 'The cat sat.', '', 'plain'],
    ['repetitive 17,500 ASCII characters', 'the cat sat on the mat. '.repeat(730), '', 'compressed'],
    ['20,000 CJK characters', cjk(20_000), '', 'local'],
    ['a pair with emoji', 'Hi 👩‍👩‍👧', 'שלום', 'plain'],
  ])('%s comes back whole, the address stays under 8 KB', async (_name, text, pair, how) => {
    const store = memoryStore();
    const { fragment, notice } = await encodeText(text, pair, ROOM, store);
    expect(ORIGIN_AND_PATH.length + fragment.length).toBeLessThan(MAX_ADDRESS);
    expect(fragment.startsWith({ plain: '#text=', compressed: '#z=', local: '#local=' }[how]!)).toBe(true);
    expect(notice === '').toBe(how !== 'local');
    if (how === 'local') expect(notice).toContain('a shared link will not carry it');
    const back = await decodeText(fragment, store);
    expect(back).toEqual({ text, pair, notices: [] });
  });

  it('says so when a local text is not in this browser, and when a fragment is damaged', async () => {
    expect((await decodeText('#local=abc123', memoryStore())).notices[0]).toMatch(/could not be restored/);
    expect((await decodeText('#z=!!!', memoryStore())).notices[0]).toMatch(/damaged/);
    expect((await decodeText('#z=AAAA', memoryStore())).notices[0]).toMatch(/damaged/);
  });

  it('warns that a reload will lose the text when the browser has no room for it', async () => {
    const { notice } = await encodeText(cjk(20_000), '', ROOM, memoryStore(10));
    expect(notice).toMatch(/no room to keep it: a reload will not bring it back/);
  });
});

/**
 * Fuzz: 500 states with long and multi-byte text (any code point, CJK, emoji, RTL, controls) and
 * every other field; written and read back, the state and text are the same and the address is
 * under 8 KB.
 */
const textArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  fc.integer({ min: 1000, max: MAX_TEXT }).map((n) => cjk(n)),
  fc
    .tuple(fc.constantFrom('the cat ', '日本語', '👩‍👩‍👧 ', 'שלום ', 'e\u0301'), fc.integer({ min: 1, max: 4000 }))
    .map(([s, n]) => s.repeat(n).slice(0, MAX_TEXT)),
);
const headArb = fc.record({ layer: fc.integer({ min: 0, max: 23 }), head: fc.integer({ min: 0, max: 15 }) });
const stateArb = fc.record(
  {
    model: fc.constantFrom('demo', 'Xenova/bert-base-uncased', 'a/b-c.d'),
    view: fc.constantFrom('head', 'model', 'matrix'),
    layer: fc.integer({ min: 0, max: 23 }),
    head: fc.integer({ min: 0, max: 15 }),
    words: fc.boolean(),
    offHeads: fc.uniqueArray(headArb, { maxLength: 20, selector: (h) => `${h.layer}-${h.head}` }),
    ablate: fc.record({
      heads: fc.uniqueArray(headArb, { maxLength: 40, selector: (h) => `${h.layer}-${h.head}` }),
      layers: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { maxLength: 4 }),
    }),
    pinned: fc.uniqueArray(fc.stringMatching(/^[a-z\u00e0-\u00ff\u4e00-\u4e20]{1,12}$/), { maxLength: 8 }),
  },
  { requiredKeys: ['model'] },
);

const sortHeads = (hs: { layer: number; head: number }[]) =>
  [...hs].sort((a, b) => a.layer - b.layer || a.head - b.head);

describe('URL state fuzz: 500 states with long and multi-byte text', () => {
  it('reads back what was written, within 8 KB', async () => {
    await fc.assert(
      fc.asyncProperty(stateArb, textArb, fc.option(textArb, { nil: '' }), async (state, text, pair) => {
        const store = memoryStore();
        const query = writeUrlState(state as UrlState);
        const room = MAX_ADDRESS - ORIGIN_AND_PATH.length - query.length;
        const { fragment } = await encodeText(text, pair, room, store);
        expect(ORIGIN_AND_PATH.length + query.length + fragment.length).toBeLessThanOrEqual(MAX_ADDRESS);
        const back = readUrlState(query);
        expect(back.notices).toEqual([]);
        expect(back.state.model).toBe(state.model);
        if (state.ablate) {
          expect(sortHeads(back.state.ablate?.heads ?? [])).toEqual(sortHeads(state.ablate.heads));
          expect([...(back.state.ablate?.layers ?? [])].sort()).toEqual([...state.ablate.layers].sort());
        }
        if (state.pinned?.length) expect(back.state.pinned).toEqual(state.pinned);
        if (state.offHeads) expect(sortHeads(back.state.offHeads ?? [])).toEqual(sortHeads(state.offHeads));
        const decoded = await decodeText(fragment, store);
        expect(decoded.notices).toEqual([]);
        if (text === '' && pair === '') return;
        expect(decoded.text).toBe(text);
        expect(decoded.pair ?? '').toBe(pair);
      }),
      { seed: 1313, numRuns: Number(process.env.FUZZ_RUNS ?? 500), endOnFailure: true },
    );
  }, 240_000);
});
