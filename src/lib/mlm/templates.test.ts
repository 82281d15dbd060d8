import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES } from '../core/testing/familyFiles';
import { familyOf, familyTokens } from '../../../workers/engine/testing/familyTokenizer';
import { MLM_TEMPLATES, templateFor } from './templates';

describe('masked-LM templates', () => {
  it.each(FAMILY_NAMES)('are written with %s’s own mask token, one mask per text', (name) => {
    const family = familyOf(name);
    const mask = family.tokens.mask!;
    for (const generic of MLM_TEMPLATES) {
      const template = templateFor(generic, family);
      for (const text of [template.text, template.compare]) {
        expect(text.split(mask.text)).toHaveLength(2);
        if (mask.text !== '[MASK]') expect(text).not.toContain('[MASK]');
        expect(familyTokens(name, text).filter((t) => t.id === mask.id)).toHaveLength(1);
      }
      // Everything but the mask is unchanged.
      expect(template.text.replace(mask.text, '[MASK]')).toBe(generic.text);
    }
  });
});
