/**
 * The three claims-lab suites on each family's real tokenization (byte-level BPE, SentencePiece,
 * WordPiece): every item is scored, none skipped for word alignment, and the numbers follow the
 * attention we give them.
 */
import { describe, expect, it } from 'vitest';
import type { FamilyName } from '../core/testing/familyFiles';
import { familyOf, familyRun } from '../../../workers/engine/testing/familyTokenizer';
import { loadBundledTexts } from './bundledNode';
import { runSuite, type ProbeEngine } from './runSuite';

const bundled = loadBundledTexts();
const LIMIT = 12;

/** Every head of layer 1 attends to the family's separator, every head of layer 2 to the previous token. */
function engineFor(name: FamilyName): ProbeEngine & { texts: string[] } {
  const sep = familyOf(name).tokens.sep!.id;
  const texts: string[] = [];
  return {
    texts,
    async run({ text, pair }) {
      texts.push(text);
      const tokens = familyRun(name, text, 1, 1, () => 1, pair).tokens;
      const seps = tokens.flatMap((t, j) => (t.id === sep && t.special ? [j] : []));
      return familyRun(
        name,
        text,
        2,
        2,
        (m, i, j) => (m < 2 ? (seps.includes(j) ? 1 : 0) : j === Math.max(0, i - 1) ? 1 : 1e-6),
        pair,
      );
    },
  };
}

describe.each<FamilyName>(['roberta', 'xlm-r', 'albert', 'mbert-cased', 'bert-uncased'])('suites on %s', (name) => {
  const options = { model: name, family: familyOf(name), bundled, limit: LIMIT };

  it('sep: the separator heads are found by the family’s separator id', async () => {
    const report = await runSuite('sep', engineFor(name), options);
    if (report.suite !== 'sep') throw new Error('wrong suite');
    expect(report.dataset).toMatchObject({ used: LIMIT, scored: LIMIT, skipped: 0 });
    // Layer 1 sends everything to the separator(s); layer 2 nothing beyond what falls on them by position.
    expect(report.result.layerMeans.sep[0]).toBeCloseTo(1, 5);
    expect(report.result.layerMeans.sep[1]).toBeLessThan(0.5);
    // The previous-token heads of layer 2 are found.
    expect(report.result.previousTokenHeads.map((h) => h.layer)).toEqual([1, 1]);
  });

  it('deps: every treebank sentence lines up and is scored', async () => {
    const report = await runSuite('deps', engineFor(name), options);
    if (report.suite !== 'deps') throw new Error('wrong suite');
    expect(report.result.skipped).toEqual([]);
    expect(report.dataset).toMatchObject({ used: LIMIT, scored: LIMIT, skipped: 0 });
  });

  it('coref: every item lines up and is scored', async () => {
    const report = await runSuite('coref', engineFor(name), options);
    if (report.suite !== 'coref') throw new Error('wrong suite');
    expect(report.result.skipped).toEqual([]);
    expect(report.dataset).toMatchObject({ used: LIMIT, scored: LIMIT, skipped: 0 });
  });
});
