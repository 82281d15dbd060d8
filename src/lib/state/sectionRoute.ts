/**
 * Which section an address opens. Sections live in the query string beside the picture's state
 * (`?section=claims&model=demo&text=…`), so every address works on any static server, a reload
 * included, and links made before sections existed (`?model=…&text=…&view=…`) still open the
 * attention views they showed. A bare address opens the start screen and loads nothing.
 */

export const START = 'start';
export const ATTENTION = 'attention';

/** Query keys that describe only the shell, not a model or a picture. */
const SHELL_KEYS = new Set(['section', 'theme']);

/** True when the address asks for a model or a picture (so restoring it loads a model). */
export function addressHasPicture(search: string): boolean {
  const keys = [...new URLSearchParams(search).keys()];
  return keys.some((k) => !SHELL_KEYS.has(k));
}

/**
 * The section to open: the one named, when it is known; else the attention views for an address
 * with a picture (old links) and the start screen for one without. `notice` says when a named
 * section was not found.
 */
export function initialSection(
  search: string,
  known: readonly string[],
  named: string | undefined,
): { section: string; notice?: string } {
  const fallback = addressHasPicture(search) ? ATTENTION : START;
  if (named === undefined) return { section: fallback };
  if (named === START || known.includes(named)) return { section: named };
  return {
    section: fallback,
    notice: `There is no section “${named}”; showing ${fallback === START ? 'the start screen' : 'the attention views'}.`,
  };
}

/** The address search for `section`, keeping every other parameter of `search`. */
export function withSection(search: string, section: string): string {
  const params = new URLSearchParams(search);
  params.delete('section');
  const rest = params.toString();
  if (section === START && rest === '') return '';
  const head = new URLSearchParams({ section }).toString();
  return `?${head}${rest ? `&${rest}` : ''}`;
}
