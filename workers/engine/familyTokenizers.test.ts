/**
 * The engine end to end with each family's tokenizer files (Hub-shaped, src/lib/core/testing/
 * familyFiles.ts) on a random-weight BERT graph sized to that vocabulary: the descriptor is read at
 * load, ids and token types go in as the family writes them (attention equals an independent forward
 * pass on those ids), predictions come at the family's own mask, pinned words are the mid-sentence
 * pieces, words merge by the family's rule, and the three probe suites score their items.
 * (Graphs shaped like each family's real exports are the graph fixtures' business.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBertFixture, type BertFixture } from '../../scripts/fixture/bertFixture';
import { createNodeEngine } from '../../scripts/cli/nodeEngine';
import { wordUnits } from '../../src/lib/analysis/wordLevel';
import { familyFiles, type FamilyName } from '../../src/lib/core/testing/familyFiles';
import { loadBundledTexts } from '../../src/lib/probes/bundledNode';
import { runSuite } from '../../src/lib/probes/runSuite';
import type { BertEngine } from './engine';
import { tokenScore } from './maskedLm';
import { bertForward } from './testing/bertForward';
import { familyTokenizer } from './testing/familyTokenizer';
import { MemoryReader, maxAbsDiff } from './testing/memoryReader';

const TINY = { layers: 2, heads: 2, hidden: 16, maxPositions: 128 } as const;
const LIMIT = 6;

describe.each<FamilyName>(['roberta', 'xlm-r', 'albert', 'mbert-cased', 'distilbert'])('%s end to end', (name) => {
  let fixture: BertFixture;
  let engine: BertEngine;
  const files = familyFiles(name);

  beforeAll(async () => {
    fixture = generateBertFixture({ ...TINY, seed: 7, vocabSize: files.config.vocab_size as number });
    const { model_type, type_vocab_size, pad_token_id } = files.config;
    const config = { ...fixture.config, model_type, type_vocab_size, pad_token_id };
    engine = createNodeEngine(1);
    await engine.load(
      new MemoryReader(name, {
        ...fixture.files,
        'config.json': JSON.stringify(config),
        'tokenizer.json': JSON.stringify(files.tokenizer),
        'tokenizer_config.json': JSON.stringify(files.tokenizerConfig),
      }),
      { backend: 'wasm', dtype: 'fp32' },
    );
  });
  afterAll(() => engine.dispose());

  it('reads the family at load and predicts at its own mask, with pinned words as mid-sentence pieces', async () => {
    const family = engine.info!.family;
    const mask = family.tokens.mask!;
    expect(family).toEqual(familyTokenizer(name).family);
    expect(engine.info!.maxTokens).toBe(TINY.maxPositions - family.positionOffset);
    const result = await engine.run({
      text: 'The keys to the cabinet [MASK] on the table.',
      pair: 'It is bertology.',
      pinned: ['is', 'are'],
      topK: 3,
    });
    const ids = result.tokens.map((t) => t.id);
    const fed = family.tokenTypeIds ? result.tokens.map((t) => t.segment) : ids.map(() => 0);
    const reference = bertForward(fixture.weights, fixture.config, { inputIds: ids, tokenTypeIds: fed });
    expect(maxAbsDiff(result.attention, reference.attention)).toBeLessThanOrEqual(1e-5);
    expect(result.predictions).toHaveLength(1);
    const prediction = result.predictions[0]!;
    expect(ids[prediction.position]).toBe(mask.id);
    const { core } = familyTokenizer(name);
    const spelled = (word: string) =>
      family.boundary.kind === 'continuation' ? word : `${family.boundary.marker}${word}`;
    const vocab = files.config.vocab_size as number;
    for (const score of prediction.pinned) {
      expect(score.id).toBe(core.token_to_id(spelled(score.word)));
      const expected = tokenScore(reference.logits!, vocab, prediction.position, score.id!);
      expect(score.prob).toBeCloseTo(expected.prob, 5);
      expect(score.rank).toBe(expected.rank);
    }
    const words = wordUnits(result.tokens, family).filter((u) => !u.special);
    const splitsStop = family.boundary.kind === 'continuation' || family.boundary.byteLevel;
    expect(words.map((u) => u.text)).toEqual([
      ...(family.lowercase ? ['the'] : ['The']),
      'keys',
      'to',
      'the',
      'cabinet',
      mask.text,
      'on',
      'the',
      // WordPiece and byte-level BPE split off the full stop; SentencePiece ('▁') keeps it with the word before.
      ...(splitsStop ? ['table', '.'] : ['table.']),
      ...(family.lowercase ? ['it'] : ['It']),
      'is',
      ...(splitsStop ? ['bertology', '.'] : ['bertology.']),
    ]);
  });

  it.each(['sep', 'coref', 'deps'] as const)('the %s suite scores every item', async (suite) => {
    const report = await runSuite(suite, engine, {
      model: name,
      family: engine.info!.family,
      bundled: loadBundledTexts(),
      limit: LIMIT,
    });
    expect(report.dataset).toMatchObject({ used: LIMIT, scored: LIMIT, skipped: 0 });
  });
});
