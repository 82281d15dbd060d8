import { describe, expect, it } from 'vitest';
import { bundledTexts } from './bundled';
import { bundledPath, loadBundledTexts } from './bundledNode';
import { countRelations, parseConllu } from './conllu';
import {
  baselineAccuracy,
  firstCandidate,
  nearestCandidate,
  normalizeWord,
  parseCorefItems,
  resolveCorefItem,
  splitWords,
} from './coref';
import { parseCorpus } from './corpus';

const texts = loadBundledTexts();

describe('bundled loaders', () => {
  it('the Vite ?raw bundle and the Node loader read the same files', () => {
    expect(bundledTexts).toEqual(texts);
    expect(bundledPath('deps')).toMatch(/src[\\/]lib[\\/]probes[\\/]data[\\/]deps\.conllu$/);
  });
});

describe('bundled dependency trees (deps.conllu)', () => {
  const sentences = parseConllu(texts.deps);

  it('parses with the strict parser and has at least 110 sentences of 4 to 30 words', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(110);
    for (const s of sentences) {
      expect(s.words.length, s.id).toBeGreaterThanOrEqual(4);
      expect(s.words.length, s.id).toBeLessThanOrEqual(30);
    }
    expect(new Set(sentences.map((s) => s.id)).size).toBe(sentences.length);
  });

  it('uses only basic words (no multiword tokens or empty nodes)', () => {
    expect(texts.deps).not.toMatch(/^\d+[-.]\d+\t/m);
  });

  it('has a # text that matches its words', () => {
    for (const s of sentences) {
      expect(s.text.replace(/\s+/g, ''), s.id).toBe(s.words.map((w) => w.form).join(''));
    }
  });

  it('has every core relation at least 15 times', () => {
    const counts = countRelations(sentences);
    const core = ['nsubj', 'obj', 'det', 'amod', 'advmod', 'case', 'aux', 'nmod:poss', 'compound', 'cc', 'conj'];
    for (const rel of [...core, 'mark', 'obl', 'nummod']) {
      expect(counts.get(rel) ?? 0, rel).toBeGreaterThanOrEqual(15);
    }
  });

  it('follows basic UD conventions', () => {
    for (const s of sentences) {
      const at = (id: number) => s.words[id - 1];
      for (const w of s.words) {
        const where = `${s.id} word ${w.id} (${w.form})`;
        expect(w.upos === 'PUNCT', where).toBe(w.deprel === 'punct');
        if (w.deprel === 'cop') expect(at(w.head)!.upos, where).not.toBe('VERB');
        if (w.deprel === 'case' || w.deprel === 'det' || w.deprel === 'nummod') {
          expect(['NOUN', 'PROPN', 'PRON', 'NUM', 'ADJ'], where).toContain(at(w.head)!.upos);
        }
        if (w.deprel === 'conj') expect(w.head, where).toBeLessThan(w.id);
        if (w.deprel === 'cc' || w.deprel === 'mark') expect(w.head, where).toBeGreaterThan(w.id);
      }
    }
  });
});

describe('bundled coreference items (coref.json)', () => {
  const items = parseCorefItems(JSON.parse(texts.coref));
  const resolved = items.map(resolveCorefItem);

  it('has at least 70 items with unique ids, of every kind', () => {
    expect(items.length).toBeGreaterThanOrEqual(70);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['winograd', 'simple', 'gender', 'plural']));
  });

  it('finds every pronoun, antecedent and candidate at its occurrence, candidates before the pronoun', () => {
    for (const item of items) {
      const words = splitWords(item.text).map(normalizeWord);
      const find = (word: string, occurrence: number): number => {
        let seen = 0;
        return words.findIndex((w) => w === normalizeWord(word) && ++seen === occurrence);
      };
      const pronoun = find(item.pronoun.word, item.pronoun.occurrence);
      expect(pronoun, item.id).toBeGreaterThan(0);
      expect(find(item.antecedent.word, item.antecedent.occurrence), item.id).toBeGreaterThanOrEqual(0);
      expect(item.candidates.length, item.id).toBeGreaterThanOrEqual(2);
      for (const c of item.candidates) {
        const at = find(c.word, c.occurrence);
        expect(at, `${item.id} ${c.word}`).toBeGreaterThanOrEqual(0);
        expect(at, `${item.id} ${c.word}`).toBeLessThan(pronoun);
      }
      const isGold = (c: { word: string; occurrence: number }) =>
        normalizeWord(c.word) === normalizeWord(item.antecedent.word) && c.occurrence === item.antecedent.occurrence;
      expect(item.candidates.filter(isGold), item.id).toHaveLength(1);
    }
  });

  it('has at least 15 Winograd-style pairs whose answers flip', () => {
    const pairs = new Map<string, typeof resolved>();
    for (const r of resolved) {
      if (r.item.kind !== 'winograd') continue;
      expect(r.item.pairId, r.item.id).toBeDefined();
      pairs.set(r.item.pairId!, [...(pairs.get(r.item.pairId!) ?? []), r]);
    }
    expect(pairs.size).toBeGreaterThanOrEqual(15);
    for (const [pairId, [a, b]] of pairs) {
      expect(b, pairId).toBeDefined();
      expect(a!.candidates, pairId).toEqual(b!.candidates);
      expect(normalizeWord(a!.item.pronoun.word), pairId).toBe(normalizeWord(b!.item.pronoun.word));
      expect(a!.antecedent, pairId).not.toBe(b!.antecedent);
    }
  });

  it('is not solved by the nearest-candidate or first-candidate baselines', () => {
    const nearest = baselineAccuracy(resolved, nearestCandidate);
    const first = baselineAccuracy(resolved, firstCandidate);
    for (const accuracy of [nearest, first]) {
      expect(accuracy).toBeGreaterThan(0);
      expect(accuracy).toBeLessThan(1);
    }
    const simple = resolved.filter((r) => r.item.kind === 'simple');
    expect(simple.some((r) => nearestCandidate(r) !== r.antecedent)).toBe(true);
    expect(simple.some((r) => firstCandidate(r) !== r.antecedent)).toBe(true);
  });
});

describe('bundled corpus (corpus.txt)', () => {
  const lines = parseCorpus(texts.corpus);

  it('has at least 220 lines, 40 of them pairs, and no duplicates', () => {
    expect(lines.length).toBeGreaterThanOrEqual(220);
    expect(lines.filter((l) => l.b !== undefined).length).toBeGreaterThanOrEqual(40);
    const keys = lines.map((l) => `${l.a} ||| ${l.b ?? ''}`.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    const sentences = lines.flatMap((l) => (l.b === undefined ? [l.a] : [l.a, l.b])).map((s) => s.toLowerCase());
    expect(new Set(sentences).size).toBe(sentences.length);
  });

  it('varies sentence length between 3 and 40 words', () => {
    const lengths = lines.flatMap((l) => [l.a, ...(l.b === undefined ? [] : [l.b])]).map((s) => s.split(/\s+/).length);
    expect(Math.min(...lengths)).toBe(3);
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(25);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(40);
  });
});
