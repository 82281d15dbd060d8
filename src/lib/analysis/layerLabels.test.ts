import { describe, expect, it } from 'vitest';
import { headName, layerName, parseHeadList, parseHeadSelection, type ModelShape } from './layerLabels';

describe('headName / layerName', () => {
  it.each([
    [7, 9, 'head 8-10', 'layer 8'],
    [0, 0, 'head 1-1', 'layer 1'],
    [11, 11, 'head 12-12', 'layer 12'],
  ])('layer %i, head %i → %s', (layer, head, name, layerLabel) => {
    expect(headName(layer, head)).toBe(name);
    expect(layerName(layer)).toBe(layerLabel);
  });
});

describe('parseHeadList', () => {
  const base: ModelShape = { layers: 12, heads: 12 };

  it.each<[string, { layer: number; head: number }[]]>([
    [
      '8-10,5-4',
      [
        { layer: 7, head: 9 },
        { layer: 4, head: 3 },
      ],
    ],
    [
      ' 8 - 10 ,  5-4 ',
      [
        { layer: 7, head: 9 },
        { layer: 4, head: 3 },
      ],
    ],
    [
      'head 8-10, Head 1-1',
      [
        { layer: 7, head: 9 },
        { layer: 0, head: 0 },
      ],
    ],
    ['12-12', [{ layer: 11, head: 11 }]],
    ['08-010', [{ layer: 7, head: 9 }]],
    [
      '5-4,8-10,5-4',
      [
        { layer: 4, head: 3 },
        { layer: 7, head: 9 },
      ],
    ],
    ['', []],
    ['   ', []],
  ])('reads %j', (text, expected) => {
    expect(parseHeadList(text, base)).toEqual(expected);
  });

  it('reads heads beyond any model when no shape is given', () => {
    expect(parseHeadList('40-40')).toEqual([{ layer: 39, head: 39 }]);
  });

  it('takes the shape from attention dims too', () => {
    expect(() => parseHeadList('3-1', [2, 4, 10, 10])).toThrow('Head "3-1" is out of range: the model has 2 layers.');
    expect(parseHeadList('2-4', [2, 4, 10, 10])).toEqual([{ layer: 1, head: 3 }]);
  });

  it.each([
    ['13-1', 'Head "13-1" is out of range: the model has 12 layers.'],
    ['1-13', 'Head "1-13" is out of range: each layer has 12 heads.'],
    ['0-3', 'Head "0-3" does not exist: layers and heads are numbered from 1.'],
    ['3-0', 'Head "3-0" does not exist: layers and heads are numbered from 1.'],
    ['8x10', 'Cannot read "8x10" as a head: write layer-head, e.g. "8-10".'],
    ['8', 'Cannot read "8" as a head: write layer-head, e.g. "8-10".'],
    ['8-10-2', 'Cannot read "8-10-2" as a head: write layer-head, e.g. "8-10".'],
    ['-1-2', 'Cannot read "-1-2" as a head: write layer-head, e.g. "8-10".'],
    ['1.5-2', 'Cannot read "1.5-2" as a head: write layer-head, e.g. "8-10".'],
    ['8-10; 5-4', 'Cannot read "8-10; 5-4" as a head: write layer-head, e.g. "8-10".'],
    ['8-10,', 'The head list "8-10," has an empty entry: separate heads with single commas.'],
    ['8-10,,5-4', 'The head list "8-10,,5-4" has an empty entry: separate heads with single commas.'],
  ])('rejects %j', (text, message) => {
    expect(() => parseHeadList(text, base)).toThrow(message);
  });
});

describe('parseHeadSelection', () => {
  it.each([
    ['2-*', [0, 1, 2].map((head) => ({ layer: 1, head }))],
    ['1-2, layer 3-*', [{ layer: 0, head: 1 }, ...[0, 1, 2].map((head) => ({ layer: 2, head }))]],
    ['3-1, 3-*', [0, 1, 2].map((head) => ({ layer: 2, head }))],
    ['', []],
  ])('%j reads as every head it names', (text, expected) => {
    expect(parseHeadSelection(text, { layers: 4, heads: 3 })).toEqual(expected);
  });

  it('still rejects layers outside the model', () => {
    expect(() => parseHeadSelection('5-*', { layers: 4, heads: 3 })).toThrow(
      'Head "5-1" is out of range: the model has 4 layers.',
    );
  });
});
