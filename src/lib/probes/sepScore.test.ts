import { BERT_UNCASED_FAMILY } from '../core/family';
import { describe, expect, it } from 'vitest';
import { SepAccumulator, topHeads } from './sepScore';
import { rowOn, syntheticRun, syntheticTokens, uniformRow } from './testing/syntheticRun';

// [CLS] a b . [SEP] c [SEP]: a pair, seven tokens, [SEP] at 4 and 6.
const tokens = syntheticTokens(['a', 'b', '.'], ['c']);

describe('SepAccumulator', () => {
  it('ranks a head that puts 0.9 on [SEP] first for [SEP], and finds a previous-token head', () => {
    const acc = new SepAccumulator(BERT_UNCASED_FAMILY);
    // head 1-1: 0.9 on the first [SEP], 0.1 on [CLS]; head 1-2: the previous token ([CLS] itself).
    acc.add(
      syntheticRun(tokens, 1, 2, (m, i, seq) => {
        if (m === 1) return rowOn(seq, Math.max(0, i - 1));
        const row = new Float32Array(seq);
        row[4] = 0.9;
        row[0] = 0.1;
        return row;
      }),
    );
    const report = acc.result();
    expect(report).toMatchObject({ inputs: 1, pairs: 1, tokens: 7, layers: 1, heads: 2, skipped: [] });
    expect(report.perHead.sep).toEqual([0.9, Math.round(1e6 / 7) / 1e6]); // only "c" attends to its previous token, a [SEP]
    expect(report.top.sep[0]).toEqual({ layer: 0, head: 0, name: 'head 1-1', value: 0.9 });
    expect(report.layerMeans.sep[0]).toBeCloseTo((0.9 + 1 / 7) / 2, 6);
    expect(report.perHead.cls[0]).toBeCloseTo(0.1, 6);
    expect(report.perHead.punct[1]).toBeCloseTo(1 / 7, 6); // "[SEP]" after "." attends to it
    expect(report.previousTokenHeads.map((h) => [h.name, h.value])).toEqual([['head 1-2', 1]]);
    expect(report.nextTokenHeads).toEqual([]);
    expect(report.focused[0]!.name).toBe('head 1-2'); // entropy 0
    expect(report.sepClaim).toBeNull(); // one layer: layers 6-10 do not exist
  });

  it.each([
    [0.6, true],
    [0.4, false],
  ])('checks "over half of the attention in layers 6-10 goes to [SEP]" with layer 8 at %s', (layer8, holds) => {
    const acc = new SepAccumulator(BERT_UNCASED_FAMILY);
    // 10 layers of one head; layers 6-10 put 0.6 (layer 8: `layer8`) on the first [SEP], the rest spread evenly.
    acc.add(
      syntheticRun(tokens, 10, 1, (m, _, seq) => {
        const onSep = m === 7 ? layer8 : m >= 5 ? 0.6 : 0;
        if (onSep === 0) return uniformRow(seq);
        const row = new Float32Array(seq).fill((1 - onSep) / (seq - 1));
        row[4] = onSep;
        return row;
      }),
    );
    const claim = acc.result().sepClaim!;
    expect(claim.fromLayer).toBe(6);
    expect(claim.toLayer).toBe(10);
    // Each layer's [SEP] share also counts the spread-out share landing on the second [SEP].
    const spread = (onSep: number) => onSep + (1 - onSep) / 6;
    claim.layerMeans.forEach((v, k) => expect(v).toBeCloseTo(spread(k === 2 ? layer8 : 0.6), 5));
    expect(claim.holds).toBe(holds);
  });

  it('weights inputs by their tokens, as CorpusHeadStats does', () => {
    const acc = new SepAccumulator(BERT_UNCASED_FAMILY);
    const short = syntheticTokens(['a']); // [CLS] a [SEP]: 3 tokens
    acc.add(syntheticRun(short, 1, 1, (_, __, seq) => rowOn(seq, 2))); // all on [SEP]
    acc.add(syntheticRun(tokens, 1, 1, (_, __, seq) => rowOn(seq, 0))); // all on [CLS]
    expect(acc.result().perHead.sep[0]).toBeCloseTo(3 / 10, 6);
  });

  it('reports skipped inputs and an empty corpus without numbers', () => {
    const acc = new SepAccumulator(BERT_UNCASED_FAMILY);
    acc.skip('#3', 'There is no text to analyse.');
    expect(acc.result()).toMatchObject({
      inputs: 0,
      perHead: { sep: [] },
      top: { sep: [] },
      sepClaim: null,
      skipped: [{ id: '#3', reason: 'There is no text to analyse.' }],
    });
  });
});

describe('topHeads', () => {
  it('orders by value, ties to the lower layer then head, leaves out NaN, and names heads 1-based', () => {
    const values = [0.5, NaN, 0.9, 0.5, 0.1, 0.9];
    expect(topHeads(values, 3, 3).map((h) => h.name)).toEqual(['head 1-3', 'head 2-3', 'head 1-1']);
    expect(topHeads(values, 3, 2, 'ascending').map((h) => [h.name, h.value])).toEqual([
      ['head 2-2', 0.1],
      ['head 1-1', 0.5],
    ]);
  });
});
