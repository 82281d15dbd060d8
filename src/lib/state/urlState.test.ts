import { describe, expect, it } from 'vitest';
import {
  currentUrlState,
  fitToModel,
  isModelSpec,
  MAX_TEXT,
  readUrlState,
  restoreFromUrl,
  writeUrlState,
  type UrlState,
} from './urlState';

describe('readUrlState', () => {
  it('reads every field, with layers and heads 1-based in the address', () => {
    const { state, notices } = readUrlState(
      '?model=demo&backend=wasm&text=The+cat+sat.&pair=It+slept.&view=head&layer=3&head=2&off=1-2,3-*&words=1&hide=1&agg=rollout&theme=dark',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      model: 'demo',
      backend: 'wasm',
      text: 'The cat sat.',
      pair: 'It slept.',
      view: 'head',
      layer: 2,
      head: 1,
      offHeads: [{ layer: 0, head: 1 }],
      offLayers: [2],
      words: true,
      hideSpecial: true,
      aggregate: 'rollout',
      theme: 'dark',
    });
  });

  it.each([
    ['model=javascript:alert(1)', 'model'],
    ['model=../../etc/passwd', 'model'],
    ['model=https://evil.example/x', 'model'],
    ['view=<script>alert(1)</script>', 'view'],
    ['layer=abc', 'layer'],
    ['layer=0', 'layer'],
    ['layer=-1', 'layer'],
    ['layer=1e3', 'layer'],
    ['head=2.5', 'head'],
    ['off=<img src=x onerror=alert(1)>', 'off'],
    ['off=1-2,,3-1', 'off'],
    ['agg=sum', 'agg'],
    ['words=yes', 'words'],
    ['hide=2', 'hide'],
    ['theme=red', 'theme'],
    ['backend=cuda', 'backend'],
    ['bench=100000', 'bench'],
  ])('ignores %s with a notice', (query, name) => {
    const { state, notices } = readUrlState(`?${query}`);
    expect(state).toEqual({});
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`Ignored ${name}=`);
  });

  it('shows hostile values in notices only as short inert text', () => {
    const { notices } = readUrlState(`?view=${encodeURIComponent('\u0000<b>' + 'x'.repeat(100))}`);
    expect(notices[0]).toMatch(/^Ignored view=“\?<b>x+…” from the address/);
    expect(notices[0]!.length).toBeLessThan(140);
  });

  it('keeps a hostile sentence as plain text (the app shows it as text, never as markup)', () => {
    const text = '<script>alert(1)</script> & "quotes"';
    expect(readUrlState(`?text=${encodeURIComponent(text)}`).state.text).toBe(text);
  });

  it('cuts an over-long sentence and says so', () => {
    const { state, notices } = readUrlState(`?text=${'a'.repeat(MAX_TEXT + 5)}`);
    expect(state.text).toHaveLength(MAX_TEXT);
    expect(notices[0]).toContain(`cut to ${MAX_TEXT} characters`);
  });
});

describe('writeUrlState', () => {
  it('round-trips through readUrlState', () => {
    const state: UrlState = {
      model: 'Xenova/bert-base-uncased',
      text: 'a & b = “c”?',
      pair: 'd',
      view: 'model',
      layer: 11,
      head: 0,
      aggregate: 'mean',
      words: true,
      hideSpecial: false,
      offHeads: [{ layer: 1, head: 3 }],
      offLayers: [0, 4],
      theme: 'light',
    };
    const query = writeUrlState(state);
    expect(query).toBe(
      '?model=Xenova%2Fbert-base-uncased&text=a+%26+b+%3D+%E2%80%9Cc%E2%80%9D%3F&pair=d&view=model&layer=12&head=1&agg=mean&words=1&off=2-4%2C1-*%2C5-*&theme=light',
    );
    const back = readUrlState(query);
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual({ ...state, hideSpecial: undefined, offLayers: [0, 4] });
  });

  it('keeps the head view\'s subset of heads, 1-based, and the empty subset as "none"', () => {
    expect(writeUrlState({ view: 'head', shownHeads: [0, 2] })).toBe('?view=head&heads=1%2C3');
    expect(writeUrlState({ shownHeads: [] })).toBe('?heads=none');
    expect(readUrlState('?view=head&heads=1,3').state).toEqual({ view: 'head', shownHeads: [0, 2] });
    expect(readUrlState('?heads=none').state).toEqual({ shownHeads: [] });
    // Repeats and order do not matter; every head (no subset) is the address without `heads`.
    expect(readUrlState('?heads=3,1,3').state.shownHeads).toEqual([0, 2]);
    expect(readUrlState('?view=head&head=2').state.shownHeads).toBeUndefined();
  });

  it.each(['', '0', '1,,2', 'all', '1;2', '2.5', '-1'])('ignores heads=%s with a notice', (value) => {
    const { state, notices } = readUrlState(`?heads=${value}`);
    expect(state).toEqual({});
    expect(notices).toEqual([expect.stringContaining(`Ignored heads=`)]);
  });

  it('leaves defaults out', () => {
    expect(writeUrlState({ backend: 'auto', aggregate: 'head', theme: 'auto', offHeads: [], offLayers: [] })).toBe('');
  });
});

describe('fitToModel', () => {
  it('clamps layer and head and drops toggles the model does not have, saying so', () => {
    const fitted = fitToModel(
      {
        layer: 11,
        head: 1,
        offHeads: [
          { layer: 0, head: 1 },
          { layer: 5, head: 0 },
        ],
        offLayers: [2, 9],
      },
      4,
      4,
    );
    expect(fitted).toMatchObject({ layer: 3, head: 1, offHeads: [{ layer: 0, head: 1 }], offLayers: [2] });
    expect(fitted.notices).toEqual([
      'Ignored 2 switched-off heads or layers that this model (4 × 4) does not have.',
      'This model has 4 layers, so layer 12 from the address shows as layer 4.',
    ]);
  });
});

describe('isModelSpec', () => {
  it.each([
    ['demo', true],
    ['bert-base-uncased', true],
    ['Xenova/bert-base-uncased', true],
    ['a/b/c', false],
    ['.hidden', false],
    ['x/..', false],
    ['', false],
    ['<script>', false],
  ])('%s → %s', (value, ok) => expect(isModelSpec(value)).toBe(ok));
});

describe('bundled models in the address', () => {
  function targets() {
    const calls: string[] = [];
    const lens = {
      text: '',
      pair: '',
      backendPref: 'auto' as const,
      bundled: null as 'mini' | 'demo' | null,
      modelSpec: '',
      info: null,
      loadBundled: (id: string) => (calls.push(`bundled:${id}`), Promise.resolve()),
      loadHubOrOffline: (id: string) => (calls.push(`hub:${id}`), Promise.resolve()),
    };
    return { calls, lens, view: { apply: () => undefined } };
  }

  it('opens ?model=mini and the old ?model=demo from the app, and Hub ids from the Hub (with the offline fallback)', () => {
    for (const [search, call] of [
      ['?model=mini', 'bundled:mini'],
      ['?model=demo', 'bundled:demo'],
      ['?model=Xenova%2Fbert-base-uncased', 'hub:Xenova/bert-base-uncased'],
      ['?section=attention', 'hub:Xenova/bert-base-uncased'],
    ] as const) {
      const t = targets();
      restoreFromUrl(search, t, 'Xenova/bert-base-uncased', () => undefined);
      expect(t.calls).toEqual([call]);
    }
  });

  it('writes the bundled model back, never the Hub field', () => {
    const { lens } = targets();
    const state = currentUrlState({ ...lens, bundled: 'mini', modelSpec: 'Xenova/bert-base-uncased' }, {});
    expect(state.model).toBe('mini');
    expect(writeUrlState(state)).toContain('model=mini');
  });
});
