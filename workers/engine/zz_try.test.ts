import { it } from 'vitest';
import { FAMILY_NAMES } from '../../src/lib/core/testing/familyFiles';
import { familyTokens } from './testing/familyTokenizer';
it('shows', () => {
  for (const name of FAMILY_NAMES) {
    const toks = familyTokens(name, "The lawyer didn't answer the café's question, bertology.");
    console.log(name, toks.map((t) => `${t.text}`).join(' '));
  }
});
