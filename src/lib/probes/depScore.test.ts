import { BERT_UNCASED_FAMILY } from '../core/family';
import { describe, expect, it } from 'vitest';
import type { ConlluSentence } from './conllu';
import { BASELINE_OFFSETS, DepAccumulator, depInputText } from './depScore';
import { rowOn, syntheticRun, syntheticTokens, uniformRow } from './testing/syntheticRun';

/** A sentence from [form, head (1-based, 0 = root), deprel] rows. */
function sentence(id: string, rows: [string, number, string][]): ConlluSentence {
  return {
    id,
    text: rows.map(([form]) => form).join(' '),
    words: rows.map(([form, head, deprel], i) => ({ id: i + 1, form, lemma: form, upos: 'X', head, deprel })),
  };
}

// Every word's head is the word before it: "a ← b ← c ← d ← e".
const chain = sentence('chain', [
  ['a', 0, 'root'],
  ['b', 1, 'flat'],
  ['c', 2, 'flat'],
  ['d', 3, 'flat'],
  ['e', 4, 'flat'],
]);

/** Token i attends to token i + k ([CLS] and the last [SEP] to themselves when i + k falls outside). */
const offsetRow = (k: number) => (i: number, seq: number) => rowOn(seq, i + k >= 0 && i + k < seq ? i + k : i);

describe('DepAccumulator', () => {
  it('gives a previous-word head 100% dependent → head, as does the offset -1 baseline', () => {
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    const tokens = syntheticTokens(chain.words.map((w) => w.form));
    // head 1-1 attends to the previous token, head 1-2 to the next one.
    acc.add(
      chain,
      syntheticRun(tokens, 1, 2, (m, i, seq) => offsetRow(m === 0 ? -1 : 1)(i, seq)),
    );
    const report = acc.result();
    const flat = report.relations.find((r) => r.relation === 'flat')!;
    expect(flat.arcs).toBe(4);
    expect(flat.dependentToHead).toEqual([1, 0]);
    // The next-token head read from the parent's row: each parent's next word is its dependent.
    // The previous-token head gets only "a": its previous token is [CLS], left out, so the tie goes to the first other word, "b".
    expect(flat.headToDependent).toEqual([0.25, 1]);
    expect(flat.best).toEqual({ layer: 0, head: 0, name: 'head 1-1', direction: 'dependent-to-head', accuracy: 1 });
    expect(flat.baseline).toEqual({ offset: -1, accuracy: 1 });
    expect(report).toMatchObject({ sentences: 1, arcs: 4, layers: 1, heads: 2, skipped: [] });
  });

  it('merges word pieces before picking the most-attended word (sum over a word’s pieces, Clark et al. sec. 4.1)', () => {
    const s = sentence('pieces', [
      ['kids', 2, 'nsubj'],
      ['playing', 0, 'root'],
      ['ball', 2, 'obj'],
    ]);
    const tokens = syntheticTokens(['kids', 'play ##ing', 'ball']); // [CLS] kids play ##ing ball [SEP]
    const rows: Record<number, number[]> = {
      1: [0, 0, 0.4, 0, 0.6, 0], // kids: ball (0.6) over playing (0.4)
      2: [0, 1, 0, 0, 0, 0], // play: kids
      3: [0, 0.4, 0, 0, 0.6, 0], // ##ing: mean with "play" gives kids 0.7, ball 0.3
      4: [0, 0.4, 0.3, 0.3, 0, 0], // ball: playing (0.6) beats kids (0.4), though no single piece does
    };
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    acc.add(
      s,
      syntheticRun(tokens, 1, 1, (_, i, seq) => rows[i] ?? uniformRow(seq)),
    );
    const byRelation = Object.fromEntries(acc.result().relations.map((r) => [r.relation, r]));
    expect(byRelation.obj!.dependentToHead).toEqual([1]);
    expect(byRelation.nsubj!.dependentToHead).toEqual([0]);
    expect(byRelation.nsubj!.headToDependent).toEqual([1]);
    expect(byRelation.obj!.headToDependent).toEqual([0]);
  });

  it('scores a possessor by what its "\'s" attends to, as Clark et al.\'s code does, and lines "\'s" up with BERT\'s two words', () => {
    const s = sentence('poss', [
      ['John', 3, 'nmod:poss'],
      ["'s", 1, 'case'],
      ['dog', 4, 'nsubj'],
      ['barked', 0, 'root'],
    ]);
    const tokens = syntheticTokens(['John', "'", 's', 'dog', 'barked']); // BERT splits "'s" at the apostrophe
    // John attends to "barked"; both pieces of "'s" attend to "dog".
    const run = syntheticRun(tokens, 1, 1, (_, i, seq) =>
      i === 1 ? rowOn(seq, 5) : i === 2 || i === 3 ? rowOn(seq, 4) : uniformRow(seq),
    );
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    expect(acc.add(s, run)).toEqual({ scored: true });
    const poss = acc.result().relations.find((r) => r.relation === 'nmod:poss')!;
    expect(poss.dependentToHead).toEqual([1]);
  });

  it('matches an independent token-level count on random attention (one piece per word)', () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const [layers, heads] = [2, 3];
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    const expected = new Map<string, { arcs: number; d2h: number[]; h2d: number[]; offsets: number[] }>();
    for (let n = 0; n < 6; n++) {
      const length = 3 + n;
      const rows = Array.from({ length }, (_, k): [string, number, string] => [
        `w${k}`,
        k === 0 ? 0 : 1 + Math.floor(random() * k),
        random() < 0.5 ? 'x' : 'y',
      ]);
      const s = sentence(`r${n}`, rows);
      const run = syntheticRun(syntheticTokens(rows.map((r) => r[0])), layers, heads, (_, __, seq) => {
        const row = Float32Array.from({ length: seq }, () => random());
        const sum = row.reduce((a, b) => a + b, 0);
        return row.map((v) => v / sum);
      });
      acc.add(s, run);
      // Independently: word k is token k + 1; argmax over the other words' tokens.
      const seq = length + 2;
      const argmax = (m: number, k: number): number => {
        let best = -1;
        for (let j = 0; j < length; j++) {
          if (j === k) continue;
          if (
            best < 0 ||
            run.attention[(m * seq + k + 1) * seq + j + 1]! > run.attention[(m * seq + k + 1) * seq + best + 1]!
          )
            best = j;
        }
        return best;
      };
      rows.forEach(([, head, rel], d) => {
        if (head === 0) return;
        const e = expected.get(rel) ?? {
          arcs: 0,
          d2h: Array(6).fill(0),
          h2d: Array(6).fill(0),
          offsets: Array(8).fill(0),
        };
        e.arcs++;
        for (let m = 0; m < layers * heads; m++) {
          if (argmax(m, d) === head - 1) e.d2h[m]++;
          if (argmax(m, head - 1) === d) e.h2d[m]++;
        }
        BASELINE_OFFSETS.forEach((k, i) => (e.offsets[i] += d + k === head - 1 ? 1 : 0));
        expected.set(rel, e);
      });
    }
    for (const r of acc.result().relations) {
      const e = expected.get(r.relation)!;
      expect(r.arcs).toBe(e.arcs);
      expect(r.dependentToHead).toEqual(e.d2h.map((c) => c / e.arcs));
      expect(r.headToDependent).toEqual(e.h2d.map((c) => c / e.arcs));
      expect(r.baseline.accuracy).toBe(Math.max(...e.offsets) / e.arcs);
    }
  });

  it('summarises each layer by its best head, weighted by arcs and without punct, and finds the peak layer', () => {
    const s = sentence('peak', [
      ...chain.words.map((w): [string, number, string] => [w.form, w.head, w.deprel]),
      ['.', 1, 'punct'],
    ]);
    const tokens = syntheticTokens(s.words.map((w) => w.form));
    // Layer 1 attends uniformly (ties go to the earliest other word); layer 2 to the previous token.
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    acc.add(
      s,
      syntheticRun(tokens, 2, 1, (m, i, seq) => (m === 0 ? uniformRow(seq) : offsetRow(-1)(i, seq))),
    );
    const report = acc.result();
    expect(report.layerSummary).toEqual([
      { layer: 0, name: 'layer 1', meanBest: 0.25 },
      { layer: 1, name: 'layer 2', meanBest: 1 },
    ]);
    expect(report.peakLayer).toBe(1);
    // One sentence: every resample is that sentence, so layer 2 is always on top.
    expect(report.peakNoise).toMatchObject({ contenders: [1], clear: true, share: [0, 1] });
    // "all" pools every non-root arc, punct included: "." (head "a") is missed by the previous-word head.
    expect(report.all!.arcs).toBe(5);
    expect(report.all!.layerBest[1]).toBe(0.8);
  });

  it('skips a sentence whose words do not line up with the model’s, and says why', () => {
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    const other = syntheticRun(syntheticTokens(['a', 'b', 'x', 'd', 'e']), 1, 1, (_, __, seq) => uniformRow(seq));
    expect(acc.add(chain, other)).toEqual({ scored: false, reason: expect.stringContaining('word 3 "c"') });
    const report = acc.result();
    expect(report.skipped).toEqual([{ id: 'chain', reason: 'word 3 "c" does not line up with the model\'s word "x"' }]);
    expect(report).toMatchObject({
      sentences: 0,
      arcs: 0,
      all: null,
      relations: [],
      layerSummary: [],
      peakLayer: null,
      peakNoise: null,
    });
  });

  it('refuses runs of a different model shape', () => {
    const acc = new DepAccumulator(BERT_UNCASED_FAMILY);
    const tokens = syntheticTokens(chain.words.map((w) => w.form));
    acc.add(
      chain,
      syntheticRun(tokens, 1, 2, (_, __, seq) => uniformRow(seq)),
    );
    expect(() =>
      acc.add(
        chain,
        syntheticRun(tokens, 2, 2, (_, __, seq) => uniformRow(seq)),
      ),
    ).toThrow(RangeError);
  });

  it('feeds the model the treebank words joined by spaces', () => {
    expect(
      depInputText(
        sentence('t', [
          ['Hello', 0, 'root'],
          [',', 1, 'punct'],
        ]),
      ),
    ).toBe('Hello ,');
  });
});
