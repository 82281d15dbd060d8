import { describe, expect, it } from 'vitest';
import { parseHeadList } from '../analysis/layerLabels';
import { loadBundledTexts } from './bundledNode';
import { countRelations, parseConllu } from './conllu';
import { figuresFor, PAPER_FIGURES } from './paperFigures';

const BERT_BASE = { layers: 12, heads: 12 };

describe('PAPER_FIGURES', () => {
  it('has unique ids, fractions in [0, 1] and heads that exist in BERT-base', () => {
    expect(new Set(PAPER_FIGURES.map((f) => f.id)).size).toBe(PAPER_FIGURES.length);
    for (const f of PAPER_FIGURES) {
      if (f.value !== null) expect(f.value).toBeGreaterThanOrEqual(0);
      if (f.value !== null) expect(f.value).toBeLessThanOrEqual(1);
      if (f.head) expect(parseHeadList(f.head, BERT_BASE)).toHaveLength(1);
      expect(f.where).not.toBe('');
    }
  });

  it('names the dependency relations as the bundled treebank does, so reports and figures join', () => {
    const relations = countRelations(parseConllu(loadBundledTexts().deps));
    for (const f of figuresFor('deps').filter((f) => f.relation)) expect(relations.get(f.relation!)).toBeGreaterThan(0);
  });

  it('covers every suite with the claims the issue names', () => {
    expect(figuresFor('sep').map((f) => f.id)).toContain('sep-layers-6-10');
    expect(figuresFor('coref').find((f) => f.id === 'coref-head-5-4')).toMatchObject({
      head: 'head 5-4',
      value: 0.651,
    });
    expect(figuresFor('deps').find((f) => f.relation === 'obj')).toMatchObject({ head: 'head 8-10', value: 0.868 });
  });
});
