/**
 * What BERTology Lens mini shows, measured with the app's own code: the claims lab's three suites
 * (the same `runSuite` the lab and `bertology probe` run, over the bundled data) and the
 * masked-LM lab's survey examples, set beside Clark et al. 2019's figures for BERT-base.
 * Splices it into README.md and the model card (static/models/mini/README.md) between
 * `<!-- mini-report:start -->` and `<!-- mini-report:end -->`, formatted as `npm run check` wants.
 *
 *   npm run report:mini
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format } from 'prettier';
import { createCliEngine } from './cli/runtimes';
import { DirReader } from './cli/dirReader';
import { loadBundledTexts } from '../src/lib/probes/bundledNode';
import { runSuite, type ProbeReport } from '../src/lib/probes/runSuite';
import { figuresFor } from '../src/lib/probes/paperFigures';
import { MLM_TEMPLATES } from '../src/lib/mlm/templates';
import type { NamedHead } from '../src/lib/probes/sepScore';

const MINI = 'static/models/mini';
const START = '<!-- mini-report:start -->';
const END = '<!-- mini-report:end -->';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const headList = (heads: NamedHead[]) =>
  heads.length ? heads.map((h) => `${h.name.replace('head ', '')} (${pct(h.value)})`).join(', ') : 'none';

async function measure(): Promise<string> {
  const engine = await createCliEngine('native', 2);
  const info = await engine.load(new DirReader(MINI), { backend: 'wasm', dtype: 'fp32' });
  const bundled = loadBundledTexts();
  const reports = {} as Record<'sep' | 'deps' | 'coref', ProbeReport>;
  for (const suite of ['sep', 'deps', 'coref'] as const) {
    reports[suite] = await runSuite(suite, engine, { bundled, model: info.label, family: info.family });
  }
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  const sep = reports.sep;
  if (sep.suite !== 'sep') throw new Error('sep report expected');
  const s = sep.result;
  add(
    `Measured by \`npm run report:mini\` with the claims lab's code on the bundled data (${sep.dataset.scored} corpus inputs, ` +
      `${reports.deps.dataset.scored} treebank sentences, ${reports.coref.dataset.scored} coreference items), ` +
      `${info.layers} layers × ${info.heads} heads. Clark et al. (2019) measured BERT-base (12 × 12) on other data ` +
      '(Wikipedia, the WSJ treebank, CoNLL-2012): their figures are landmarks, not targets, and a model 16 times ' +
      'smaller trained for an hour on 1M words is expected to show weaker patterns.',
    '',
    '**Where attention goes, per layer** (mean over heads and tokens):',
    '',
    `| layer | ${Array.from({ length: s.layers }, (_, l) => l + 1).join(' | ')} |`,
    `| --- | ${Array.from({ length: s.layers }, () => '---:').join(' | ')} |`,
    `| to [SEP] | ${s.layerMeans.sep.map(pct).join(' | ')} |`,
    `| to [CLS] | ${s.layerMeans.cls.map(pct).join(' | ')} |`,
    `| to punctuation | ${s.layerMeans.punct.map(pct).join(' | ')} |`,
    '',
    'Clark et al.: in BERT-base over half of the attention in layers 6-10 goes to [SEP]; [CLS] and punctuation ' +
      'take most of the rest in the early and late layers (sec. 3.2, Figure 2).',
    '',
    '| positional heads (over half on one neighbour) | Clark et al., BERT-base | mini |',
    '| --- | --- | --- |',
    `| previous token | 4 heads, in layers 2, 4, 7, 8 | ${s.previousTokenHeads.length}: ${headList(s.previousTokenHeads)} |`,
    `| next token | 5 heads, in layers 1, 2, 2, 3, 6 | ${s.nextTokenHeads.length}: ${headList(s.nextTokenHeads)} |`,
    '',
  );

  const deps = reports.deps;
  if (deps.suite !== 'deps') throw new Error('deps report expected');
  add(
    '**Dependency relations** (a head "finds" the relation when the dependent attends most to its head word; best ' +
      'head vs the best fixed offset):',
    '',
    '| relation | Clark et al.: head, accuracy (offset baseline) | mini: best head, accuracy (offset baseline) |',
    '| --- | --- | --- |',
  );
  for (const f of figuresFor('deps').filter((x) => x.relation)) {
    const r = deps.result.relations.find((x) => x.relation === f.relation);
    const paper = `${f.head!.replace('head ', '')}: ${pct(f.value!)} (${pct(f.baseline!.value)})`;
    const mine = r
      ? `${r.best.name.replace('head ', '')}: ${pct(r.best.accuracy)} (offset ${r.baseline.offset > 0 ? '+' : ''}${r.baseline.offset}: ${pct(r.baseline.accuracy)})`
      : 'no arcs in the data';
    add(`| ${f.paperRelation ?? f.relation} | ${paper} | ${mine} |`);
  }
  const beaten = deps.result.relations.filter((r) => r.best.accuracy > r.baseline.accuracy);
  add(
    '',
    `Over all ${deps.result.relations.length} relations in the treebank, mini's best head beats the best offset on ` +
      `${beaten.length}. Its syntax peaks in layer ${(deps.result.peakLayer ?? 0) + 1}.`,
    '',
  );

  const coref = reports.coref;
  if (coref.suite !== 'coref') throw new Error('coref report expected');
  const c = coref.result;
  add(
    '**Coreference** (a head resolves an item when the pronoun attends most to the right antecedent):',
    '',
    '| | Clark et al., BERT-base (CoNLL-2012) | mini (bundled pronoun items) |',
    '| --- | --- | --- |',
    `| best head | 5-4: about 65% | ${c.best[0] ? `${c.best[0].name.replace('head ', '')}: ${pct(c.best[0].value)}` : 'none'} |`,
    `| nearest-candidate baseline | about 27% | ${pct(c.baselines.nearest)} |`,
    `| chance | — | ${pct(c.baselines.chance)} |`,
    '',
  );

  add(
    "**The masked-LM lab's survey examples** (probability at [MASK] of the words the claim is about):",
    '',
    '| example | text | pinned words | top 3 |',
    '| --- | --- | --- | --- |',
  );
  for (const t of MLM_TEMPLATES.filter((x) => ['agreement', 'agreement-clause', 'npi', 'roles'].includes(x.id))) {
    for (const text of [t.text, t.compare]) {
      const run = await engine.run({ text, outputs: [], pinned: t.pinned, topK: 3 });
      const p = run.predictions[0];
      if (!p) continue;
      const pinned = p.pinned.map((w) => `${w.word} ${w.prob === null ? '(not one token)' : pct(w.prob)}`).join(', ');
      add(`| ${t.title} | ${text} | ${pinned} | ${p.tokens.join(', ')} |`);
    }
  }
  await engine.dispose();
  return out.join('\n');
}

async function splice(path: string, section: string, heading: string): Promise<void> {
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const body = `${START}\n\n${section}\n\n${END}`;
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${body}${text.slice(to + END.length)}`
      : `${text.trimEnd()}\n\n${heading}\n\n${body}\n`;
  writeFileSync(path, await format(next, { parser: 'markdown', printWidth: 120, proseWrap: 'preserve' }));
}

const section = await measure();
await splice('README.md', section, '## What BERTology Lens mini shows');
await splice(`${MINI}/README.md`, section, '## What it shows in the app');
console.log(section);
