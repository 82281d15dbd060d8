/**
 * A claim card's table — the paper's figure beside this model's — and one-line verdict, from the
 * lab's reports. Pure: reports in, words and numbers out.
 */

import type { CorefReport } from '../../probes/corefScore';
import type { DepReport } from '../../probes/depScore';
import type { PeakNoise } from '../../probes/peakNoise';
import { figuresFor } from '../../probes/paperFigures';
import { SEP_CLAIM_LAYERS, topHeads, type SepReport } from '../../probes/sepScore';
import type { ClaimCard, ModelFacts } from './claimCards';
import type { LayerSimilarity } from '../../analysis/headSimilarity';
import { percent } from './labels';
import { middleLayers } from './syntaxCharts';

export interface ClaimRow {
  key: string;
  label: string;
  paper: string;
  model: string;
}

export interface ClaimResult {
  rows: ClaimRow[];
  verdict: string;
}

export interface Measurements {
  sep: SepReport | null;
  coref: CorefReport | null;
  deps: DepReport | null;
  similarity: LayerSimilarity | null;
}

const DEP_FIGURES = figuresFor('deps').filter((f) => f.head !== undefined);

const row = (key: string, label: string, paper: string, model: string): ClaimRow => ({ key, label, paper, model });
const headIndex = (name: string, m: ModelFacts): number | null => {
  const [l, h] = name.replace('head ', '').split('-').map(Number) as [number, number];
  return l <= m.layers && h <= m.heads ? (l - 1) * m.heads + (h - 1) : null;
};
const names = (heads: { name: string }[]) => heads.map((h) => h.name.replace('head ', '')).join(', ');

function sepMiddle(r: SepReport, m: ModelFacts): ClaimResult {
  const sep = m.sep ?? '[SEP]';
  const { from, to } = SEP_CLAIM_LAYERS;
  const means = r.layerMeans.sep;
  const rows = Array.from({ length: to - from + 1 }, (_, k) => {
    const layer = from + k;
    const v = means[layer - 1];
    return row(`layer-${layer}`, `layer ${layer}`, 'over 50%', v === undefined ? `no layer ${layer}` : percent(v));
  });
  const peak = means.reduce((best, v, l) => (v > (means[best] ?? -1) ? l : best), 0);
  rows.push(
    row(
      'peak',
      `layer with most attention to ${sep}`,
      `within ${from}-${to}`,
      `layer ${peak + 1} (${percent(means[peak] ?? NaN)})`,
    ),
  );
  if (!r.sepClaim) {
    return {
      rows,
      verdict: `Cannot be checked as stated: this model has ${r.layers} layers. Its layer with most attention to ${sep} is layer ${peak + 1}.`,
    };
  }
  const low = r.sepClaim.layerMeans.map((v, k) => (v > 0.5 ? null : from + k)).filter((l) => l !== null);
  return {
    rows,
    verdict: r.sepClaim.holds
      ? `Holds on this model: each of layers ${from}-${to} sends over half of its attention to ${sep}.`
      : `Does not hold on this model: layer${low.length > 1 ? 's' : ''} ${low.join(', ')} send${low.length > 1 ? '' : 's'} half or less to ${sep}.`,
  };
}

function broadNeighbours(r: SepReport): ClaimResult {
  const broad = topHeads(r.perHead.entropy, r.heads, 3);
  const half = Math.ceil(r.layers / 2);
  const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN);
  const lower = mean(r.layerMeans.entropy.slice(0, half));
  const upper = mean(r.layerMeans.entropy.slice(half));
  const list = (heads: { name: string }[]) => `${heads.length}${heads.length ? `: ${names(heads)}` : ''}`;
  return {
    rows: [
      row('prev', 'heads with over half on the previous token', '4 (layers 2, 4, 7, 8)', list(r.previousTokenHeads)),
      row('next', 'heads with over half on the next token', '5 (layers 1, 2, 2, 3, 6)', list(r.nextTokenHeads)),
      row(
        'broad',
        'broadest heads (highest entropy)',
        'mostly lower layers',
        broad.map((h) => `${h.name.slice(5)} (${h.value.toFixed(2)} nats)`).join(', '),
      ),
      row(
        'entropy',
        'mean entropy, lower vs upper half of the layers',
        'higher in the lower layers',
        `${lower.toFixed(2)} vs ${upper.toFixed(2)} nats`,
      ),
    ],
    verdict: `${r.previousTokenHeads.length} previous-token and ${r.nextTokenHeads.length} next-token heads; attention is ${lower > upper ? 'broader in the lower' : 'not broader in the lower'} half of the layers.`,
  };
}

function syntaxHeads(r: DepReport, m: ModelFacts): ClaimResult {
  let beaten = 0;
  let counted = 0;
  const rows = DEP_FIGURES.map((f) => {
    const score = r.relations.find((s) => s.relation === f.relation);
    const paper = `${f.head}: ${percent(f.value ?? NaN)} (offset ${percent(f.baseline?.value ?? NaN)})`;
    const label = f.paperRelation ? `${f.paperRelation} (UD ${f.relation})` : f.relation!;
    if (!score) return row(f.id, label, paper, 'no arcs of this relation in the data');
    counted++;
    if (score.best.accuracy > score.baseline.accuracy) beaten++;
    const index = headIndex(f.head!, m);
    const named =
      index === null ? `${f.head} not in this model` : `${f.head}: ${percent(score.dependentToHead[index]!)}`;
    const offset = `${score.baseline.offset > 0 ? '+' : ''}${score.baseline.offset}`;
    return row(
      f.id,
      label,
      paper,
      `${score.best.name}: ${percent(score.best.accuracy)} (offset ${offset}: ${percent(score.baseline.accuracy)}); ${named}`,
    );
  });
  return { rows, verdict: `The best head beats the best fixed offset on ${beaten} of ${counted} of these relations.` };
}

function corefHead(r: CorefReport, m: ModelFacts): ClaimResult {
  const at = headIndex('head 5-4', m);
  const ranked = topHeads(r.accuracy, r.heads, r.accuracy.length);
  const rank = at === null ? -1 : ranked.findIndex((h) => h.layer === 4 && h.head === 3);
  const best = r.best[0];
  const paperFigure = figuresFor('coref')[0];
  return {
    rows: [
      row(
        'paper-head',
        'head 5-4',
        `≈${percent(paperFigure?.value ?? NaN)} (CoNLL-2012)`,
        at === null ? 'not in this model' : `${percent(r.accuracy[at]!)} (rank ${rank + 1} of ${ranked.length})`,
      ),
      row('best', 'best head', 'head 5-4', best ? `${best.name}: ${percent(best.value)}` : '–'),
      row('nearest', 'nearest candidate', '≈27% (nearest mention)', percent(r.baselines.nearest)),
      row('first', 'first candidate', '–', percent(r.baselines.first)),
      row('chance', 'chance', '–', percent(r.baselines.chance)),
    ],
    verdict: best
      ? `The best head, ${best.name}, resolves ${percent(best.value)} of ${r.items} items: ${best.value > Math.max(r.baselines.nearest, r.baselines.first) ? 'above' : 'not above'} both baselines.`
      : 'No item was scored.',
  };
}

function syntaxMiddle(r: DepReport): ClaimResult {
  const mid = middleLayers(r.layers);
  const peak = r.peakLayer;
  const curve = r.layerSummary.map((l) => `${l.layer + 1}: ${percent(l.meanBest, 0)}`).join(' · ');
  const inMiddle = peak !== null && peak + 1 >= mid.from && peak + 1 <= mid.to;
  const noise = r.peakNoise;
  return {
    rows: [
      row(
        'peak',
        'layer where dependency accuracy peaks',
        'the middle layers',
        peak === null ? '–' : `layer ${peak + 1} of ${r.layers}`,
      ),
      row(
        'noise',
        'is the peak clear of the noise? (bootstrap over sentences)',
        '–',
        noise ? peakNoiseText(noise) : '–',
      ),
      row(
        'middle',
        'middle layers of this model',
        'for BERT-base, layers 5-8 of 12 (our reading)',
        mid.from === mid.to ? `layer ${mid.from}` : `layers ${mid.from}-${mid.to}`,
      ),
      row('curve', 'best head per layer, mean over relations', '–', curve || '–'),
    ],
    verdict:
      peak === null
        ? 'No arc was scored.'
        : noise && !noise.clear
          ? `No clear peak on this model: ${layerList(noise.contenders)} are within noise of each other.`
          : `Peaks ${inMiddle ? 'in' : 'outside'} the middle on this model: layer ${peak + 1} of ${r.layers}.`,
  };
}

/** "layers 2, 3 and 4" (1-based). */
export function layerList(layers: readonly number[]): string {
  const names = [...layers].sort((a, b) => a - b).map((l) => `${l + 1}`);
  if (names.length === 1) return `layer ${names[0]}`;
  return `layers ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What the bootstrap says about the peak, in words. */
export function peakNoiseText(noise: PeakNoise): string {
  const top = noise.contenders[0];
  const share = top === undefined ? 0 : noise.share[top]!;
  if (noise.clear) return `yes: layer ${top! + 1} is on top in ${percent(share, 0)} of ${noise.resamples} resamples`;
  return `no: ${layerList(noise.contenders)} each come out on top in at least ${percent(noise.threshold, 0)} of ${noise.resamples} resamples`;
}

function layersAlike(s: LayerSimilarity): ClaimResult {
  const closest = s.perLayer.reduce((best, v, l) => (v < (s.perLayer[best] ?? Infinity) ? l : best), 0);
  const bits = (v: number) => (Number.isFinite(v) ? `${v.toFixed(3)} bits` : '–');
  return {
    rows: [
      row('within', 'divergence between heads of the same layer', 'smaller (they cluster by layer)', bits(s.within)),
      row('between', 'divergence between heads of different layers', 'larger', bits(s.between)),
      row(
        'closest',
        'layer with the most alike heads',
        '–',
        `layer ${closest + 1} (${bits(s.perLayer[closest] ?? NaN)})`,
      ),
      row(
        'prune',
        'pruning',
        'most heads can go; many layers work with one head (Michel et al.)',
        'try it in the Masked-LM lab: keep 1 head per layer',
      ),
    ],
    verdict:
      s.within < s.between
        ? 'On this sentence, heads of the same layer are more alike than heads of different layers.'
        : 'On this sentence, heads of the same layer are not more alike than heads of different layers.',
  };
}

/** The card's table and verdict from what has been measured, or null until its experiment has run. */
export function claimResult(card: ClaimCard, m: Measurements, model: ModelFacts): ClaimResult | null {
  switch (card.id) {
    case 'sep-middle':
      return m.sep && sepMiddle(m.sep, model);
    case 'broad-neighbours':
      return m.sep && broadNeighbours(m.sep);
    case 'syntax-heads':
      return m.deps && syntaxHeads(m.deps, model);
    case 'coref-head':
      return m.coref && corefHead(m.coref, model);
    case 'syntax-middle':
      return m.deps && syntaxMiddle(m.deps);
    case 'layers-alike':
      return m.similarity && layersAlike(m.similarity);
  }
}
