import { BERT_UNCASED_FAMILY } from '../../core/family';
import { describe, expect, it } from 'vitest';
import type { CorefReport } from '../../probes/corefScore';
import type { DepRelationScore, DepReport } from '../../probes/depScore';
import { SepAccumulator } from '../../probes/sepScore';
import { rowOn, syntheticRun, syntheticTokens, uniformRow } from '../../probes/testing/syntheticRun';
import { CLAIM_CARDS, caveats, labNotice, type ClaimId, type ModelFacts } from './claimCards';
import { claimResult, type Measurements } from './claimResults';

const card = (id: ClaimId) => CLAIM_CARDS.find((c) => c.id === id)!;
const none: Measurements = { sep: null, coref: null, deps: null, similarity: null };
const bertBase: ModelFacts = { layers: 12, heads: 12, isDemo: false };
const demo: ModelFacts = { layers: 4, heads: 4, isDemo: true };

/** A corpus report of `layers` one-head layers; layer l (1-based) puts `toSep(l)` on [SEP], the rest on [CLS]. */
function sepReport(layers: number, toSep: (layer: number) => number) {
  const acc = new SepAccumulator(BERT_UNCASED_FAMILY);
  const tokens = syntheticTokens(['a', 'b']); // [CLS] a b [SEP]
  acc.add(
    syntheticRun(tokens, layers, 1, (m, _i, seq) => {
      const row = new Float32Array(seq);
      row[3] = toSep(m + 1);
      row[0] = 1 - toSep(m + 1);
      return row;
    }),
  );
  return acc.result();
}

describe('the cards', () => {
  it('cover the six claims of the brief, each citing a paper', () => {
    expect(CLAIM_CARDS.map((c) => c.id)).toEqual([
      'sep-middle',
      'broad-neighbours',
      'syntax-heads',
      'coref-head',
      'syntax-middle',
      'layers-alike',
    ]);
    for (const c of CLAIM_CARDS) expect(c.papers.length).toBeGreaterThan(0);
  });

  it('have no result before their experiment has run', () => {
    for (const c of CLAIM_CARDS) expect(claimResult(c, none, bertBase)).toBeNull();
  });
});

describe('caveats', () => {
  it('say plainly when the model lacks the layers a claim names; random weights once for the lab', () => {
    expect(caveats(card('sep-middle'), bertBase)).toEqual([]);
    expect(labNotice(bertBase)).toBeNull();
    expect(labNotice(demo)).toContain('random-weight demo model');
    const said = caveats(card('sep-middle'), demo);
    expect(said).toHaveLength(1);
    expect(said[0]).toBe('This model has 4 layers × 4 heads: the claim is about layers 6-10, which it does not have.');
    expect(caveats(card('coref-head'), { layers: 6, heads: 12, isDemo: false })).toEqual([]);
    expect(caveats(card('coref-head'), { layers: 4, heads: 12, isDemo: false })).toHaveLength(1);
    // A 6-layer model can have previous- and next-token heads: no caveat that it lacks layers 7 and 8.
    expect(caveats(card('broad-neighbours'), { layers: 6, heads: 8, isDemo: false })).toEqual([]);
  });
});

describe('[SEP] in the middle layers (Clark et al. 2019, sec. 3.2)', () => {
  it.each([
    [() => 0.6, 'Holds on this model: each of layers 6-10 sends over half of its attention to [SEP].'],
    [(l: number) => (l === 8 ? 0.4 : 0.6), 'Does not hold on this model: layer 8 sends half or less to [SEP].'],
    [
      (l: number) => (l >= 7 ? 0.5 : 0.9),
      'Does not hold on this model: layers 7, 8, 9, 10 send half or less to [SEP].',
    ],
  ])('checks every layer 6-10 against one half', (toSep, verdict) => {
    const result = claimResult(card('sep-middle'), { ...none, sep: sepReport(12, toSep) }, bertBase)!;
    expect(result.verdict).toBe(verdict);
    expect(result.rows.find((r) => r.key === 'layer-8')!.model).toBe(`${(toSep(8) * 100).toFixed(1)}%`);
  });

  it('names the separator as the model’s family does (RoBERTa’s </s>)', () => {
    const result = claimResult(
      card('sep-middle'),
      { ...none, sep: sepReport(12, () => 0.6) },
      { ...bertBase, sep: '</s>' },
    )!;
    expect(result.verdict).toBe('Holds on this model: each of layers 6-10 sends over half of its attention to </s>.');
    expect(result.rows.find((r) => r.key === 'peak')!.label).toBe('layer with most attention to </s>');
  });

  it('says a 4-layer model cannot show it, and which of its layers comes closest', () => {
    const result = claimResult(card('sep-middle'), { ...none, sep: sepReport(4, (l) => l / 10) }, demo)!;
    expect(result.verdict).toBe(
      'Cannot be checked as stated: this model has 4 layers. Its layer with most attention to [SEP] is layer 4.',
    );
    expect(result.rows.find((r) => r.key === 'layer-6')).toEqual({
      key: 'layer-6',
      label: 'layer 6',
      paper: 'over 50%',
      model: 'no layer 6',
    });
    expect(result.rows.find((r) => r.key === 'peak')!.model).toBe('layer 4 (40.0%)');
  });
});

describe('neighbour and broad heads (sec. 3.1, 3.3)', () => {
  it('counts previous- and next-token heads and compares entropy of the lower and upper layers', () => {
    const acc = new SepAccumulator(BERT_UNCASED_FAMILY);
    const tokens = syntheticTokens(['a', 'b', 'c']); // 5 tokens
    // layer 1: uniform (broad); layer 2: previous token.
    acc.add(syntheticRun(tokens, 2, 1, (m, i, seq) => (m === 0 ? uniformRow(seq) : rowOn(seq, Math.max(0, i - 1)))));
    const result = claimResult(
      card('broad-neighbours'),
      { ...none, sep: acc.result() },
      { layers: 2, heads: 1, isDemo: false },
    )!;
    expect(result.rows.find((r) => r.key === 'prev')!.model).toBe('1: 2-1');
    expect(result.rows.find((r) => r.key === 'next')!.model).toBe('0');
    expect(result.rows.find((r) => r.key === 'broad')!.model).toMatch(/^1-1 \(1\.61 nats\)/); // ln 5
    expect(result.verdict).toBe(
      '1 previous-token and 0 next-token heads; attention is broader in the lower half of the layers.',
    );
  });
});

function relation(name: string, heads: number, best: number, bestHead: number, baseline: number): DepRelationScore {
  const values = Array.from({ length: 12 * heads }, (_, m) => (m === bestHead ? best : 0));
  return {
    relation: name,
    arcs: 10,
    best: {
      layer: Math.floor(bestHead / heads),
      head: bestHead % heads,
      name: `head ${Math.floor(bestHead / heads) + 1}-${(bestHead % heads) + 1}`,
      direction: 'dependent-to-head',
      accuracy: best,
    },
    dependentToHead: values,
    headToDependent: values.map(() => 0),
    baseline: { offset: 1, accuracy: baseline },
    layerBest: [],
  };
}

function depReport(
  relations: DepRelationScore[],
  peakLayer: number,
  layers = 12,
  peakNoise: DepReport['peakNoise'] = null,
): DepReport {
  return {
    sentences: 5,
    arcs: 40,
    layers,
    heads: 12,
    all: null,
    relations,
    layerSummary: Array.from({ length: layers }, (_, layer) => ({
      layer,
      name: `layer ${layer + 1}`,
      meanBest: layer === peakLayer ? 0.5 : 0.2,
    })),
    peakLayer,
    peakNoise,
    skipped: [],
  };
}

describe('syntax heads (sec. 4.2) and the middle layers', () => {
  it('sets each Table 1 relation beside the paper’s head, reading the named head’s own accuracy', () => {
    // obj: best head 8-10 (index 7*12+9) at 90% against a 40% offset; det: 30% against 80%.
    const report = depReport([relation('obj', 12, 0.9, 7 * 12 + 9, 0.4), relation('det', 12, 0.3, 0, 0.8)], 6);
    const result = claimResult(card('syntax-heads'), { ...none, deps: report }, bertBase)!;
    const obj = result.rows.find((r) => r.key === 'deps-obj')!;
    expect(obj.label).toBe('dobj (UD obj)');
    expect(obj.paper).toBe('head 8-10: 86.8% (offset 40.0%)');
    expect(obj.model).toBe('head 8-10: 90.0% (offset +1: 40.0%); head 8-10: 90.0%');
    expect(result.rows.find((r) => r.key === 'deps-det')!.model).toContain('head 8-11: 0.0%');
    expect(result.rows.find((r) => r.key === 'deps-nsubj')!.model).toBe('no arcs of this relation in the data');
    expect(result.verdict).toBe('The best head beats the best fixed offset on 1 of 2 of these relations.');
    const small = claimResult(card('syntax-heads'), { ...none, deps: report }, demo)!;
    expect(small.rows.find((r) => r.key === 'deps-obj')!.model).toContain('head 8-10 not in this model');
  });

  it.each([
    [6, 12, 'Peaks in the middle on this model: layer 7 of 12.'],
    [11, 12, 'Peaks outside the middle on this model: layer 12 of 12.'],
    [1, 4, 'Peaks in the middle on this model: layer 2 of 4.'],
  ])('peak at layer index %i of %i', (peak, layers, verdict) => {
    const result = claimResult(card('syntax-middle'), { ...none, deps: depReport([], peak, layers) }, bertBase)!;
    expect(result.verdict).toBe(verdict);
  });

  it('declares no peak when the bootstrap finds other layers within noise', () => {
    const noisy = {
      resamples: 400,
      share: [0.2, 0.3, 0.4, 0.1],
      contenders: [2, 1, 0, 3],
      threshold: 0.05,
      clear: false,
    };
    const result = claimResult(card('syntax-middle'), { ...none, deps: depReport([], 2, 4, noisy) }, bertBase)!;
    expect(result.verdict).toBe('No clear peak on this model: layers 1, 2, 3 and 4 are within noise of each other.');
    expect(result.rows.find((r) => r.key === 'noise')!.model).toBe(
      'no: layers 1, 2, 3 and 4 each come out on top in at least 5% of 400 resamples',
    );
    const clear = { ...noisy, share: [0, 0, 0.97, 0.03], contenders: [2], clear: true };
    const sure = claimResult(card('syntax-middle'), { ...none, deps: depReport([], 2, 4, clear) }, bertBase)!;
    expect(sure.verdict).toBe('Peaks in the middle on this model: layer 3 of 4.');
    expect(sure.rows.find((r) => r.key === 'noise')!.model).toBe('yes: layer 3 is on top in 97% of 400 resamples');
  });
});

describe('the coreference head (sec. 4.3)', () => {
  const coref = (layers: number, heads: number): CorefReport => {
    const accuracy = Array.from({ length: layers * heads }, (_, m) =>
      m === 4 * heads + 3 ? 0.7 : m === 0 ? 0.8 : 0.1,
    );
    return {
      items: 20,
      layers,
      heads,
      accuracy,
      best: [{ layer: 0, head: 0, name: 'head 1-1', value: 0.8 }],
      layerBest: [],
      baselines: { nearest: 0.35, first: 0.55, chance: 0.45 },
      byKind: [],
      skipped: [],
    };
  };

  it('ranks head 5-4 among all heads and compares the best head with the baselines', () => {
    const result = claimResult(card('coref-head'), { ...none, coref: coref(12, 12) }, bertBase)!;
    expect(result.rows[0]).toEqual({
      key: 'paper-head',
      label: 'head 5-4',
      paper: '≈65.1% (CoNLL-2012)',
      model: '70.0% (rank 2 of 144)',
    });
    expect(result.verdict).toBe('The best head, head 1-1, resolves 80.0% of 20 items: above both baselines.');
  });

  it('says when the model has no head 5-4', () => {
    const result = claimResult(card('coref-head'), { ...none, coref: coref(4, 4) }, demo)!;
    expect(result.rows[0]!.model).toBe('not in this model');
  });
});

describe('heads of a layer alike (sec. 6)', () => {
  it.each([
    [0.1, 0.3, 'On this sentence, heads of the same layer are more alike than heads of different layers.'],
    [0.3, 0.3, 'On this sentence, heads of the same layer are not more alike than heads of different layers.'],
  ])('within %d vs between %d', (within, between, verdict) => {
    const result = claimResult(
      card('layers-alike'),
      { ...none, similarity: { within, between, perLayer: [0.2, 0.05] } },
      bertBase,
    )!;
    expect(result.verdict).toBe(verdict);
    expect(result.rows.find((r) => r.key === 'closest')!.model).toBe('layer 2 (0.050 bits)');
  });
});
