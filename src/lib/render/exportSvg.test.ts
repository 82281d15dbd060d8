import { describe, expect, it } from 'vitest';
import { figureFileName, figureSvg } from './exportSvg';
import { buildFigure, type Figure } from './figure';
import { crc32 } from './png';
import { tinyAttention, tinyRun } from './testing/tinyRun';
import { familyOf, familyTokens } from '../../../workers/engine/testing/familyTokenizer';
import { DEFAULT_VIEW_OPTIONS, type ViewOptions } from './viewOptions';

const HOSTILE = '<script>alert(1)</script> & "quotes" ]]> <!-- \u0001';

function build(options: Partial<ViewOptions>, run = tinyRun()): Figure {
  const result = buildFigure(run, { ...DEFAULT_VIEW_OPTIONS, ...options });
  if (!result.ok) throw new Error(result.message);
  return result.figure;
}

/**
 * A small XML well-formedness check: tags nest and close, attributes are quoted, text and
 * attribute values hold no raw '<' and no '&' outside an entity or character reference.
 */
function checkXml(xml: string): void {
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body))) {
    at = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = match;
    const checkEntities = (s: string) => {
      for (const amp of s.matchAll(/&/g)) {
        expect(s.slice(amp.index)).toMatch(/^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/i);
      }
    };
    if (text !== undefined) {
      checkEntities(text);
      continue;
    }
    checkEntities(attrs ?? '');
    if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(at, 'everything parsed').toBe(body.length);
  expect(stack).toEqual([]);
}

/** The SVG with each embedded PNG replaced by its CRC, so snapshots stay readable. */
function readable(svg: string): string {
  return svg.replace(
    /data:image\/png;base64,[A-Za-z0-9+/=]+/g,
    (m) => `png:${crc32(new TextEncoder().encode(m)).toString(16)}`,
  );
}

describe('checkXml (the test helper)', () => {
  it.each(['<svg><g></svg>', '<svg>a & b</svg>', '<svg a=1/>', '<svg><</svg>'])('rejects %s', (xml) => {
    expect(() => checkXml(xml)).toThrow();
  });
});

describe('figureSvg', () => {
  const views: [string, Partial<ViewOptions>][] = [
    ['matrix', { layer: 1, head: 1 }],
    ['matrix-rollout-words-hidden', { layer: 2, aggregate: 'rollout', words: true, hideSpecial: true }],
    ['head', { view: 'head', layer: 0, offHeads: [{ layer: 0, head: 1 }] }],
    ['head-mean', { view: 'head', layer: 1, aggregate: 'mean' }],
    ['model', { view: 'model', offLayers: [1] }],
  ];

  it.each(views)('%s: a well-formed, self-contained SVG document (snapshot)', async (name, options) => {
    const svg = figureSvg(build(options, tinyRun({ pair: name === 'head' })));
    checkXml(svg);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg).not.toMatch(/<script|<style|style=|foreignObject|var\(|https?:\/\/(?!www\.w3\.org\/)/);
    for (const href of svg.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^data:image\/png;base64,/);
    await expect(readable(svg)).toMatchFileSnapshot(`__snapshots__/${name}.svg`);
  });

  it('escapes what a person typed, keeps it whole in <title>, and replaces characters XML forbids', () => {
    for (const view of ['matrix', 'head', 'model'] as const) {
      const svg = figureSvg(build({ view }, tinyRun({ text: HOSTILE })));
      checkXml(svg);
      expect(svg).not.toContain('<script');
      expect(svg).toContain(
        '<title>head 1-1 · tiny test model · “&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes" ]]&gt; &lt;!-- \ufffd”</title>'.replace(
          'head 1-1',
          view === 'matrix' ? 'head 1-1' : view === 'head' ? 'layer 1, all 2 heads' : 'all 3 layers × 2 heads',
        ),
      );
    }
  });

  it('is the same for the same input: no time, no random ids', () => {
    const a = figureSvg(build({ view: 'model' }));
    const b = figureSvg(build({ view: 'model' }));
    expect(a).toBe(b);
  });
});

describe('figureFileName', () => {
  it('names the file after the view and what it shows', () => {
    expect(figureFileName(build({ layer: 2, head: 1 }), 'svg')).toBe('bertology-matrix-head-3-2.svg');
    expect(figureFileName(build({ view: 'model' }), 'png')).toBe('bertology-model-all-3-layers-2-heads.png');
  });
});

describe('a RoBERTa run', () => {
  it('writes readable pieces in the file, each raw piece in its <title>, and names <s>/</s>', () => {
    const tokens = familyTokens('roberta', 'The keys are playing.');
    const run = {
      ...tinyRun(),
      tokens,
      family: familyOf('roberta'),
      attention: tinyAttention(3, 2, tokens.length),
      dims: [3, 2, tokens.length, tokens.length] as [number, number, number, number],
    };
    for (const view of ['head', 'matrix'] as const) {
      const svg = figureSvg(build({ view, hideSpecial: true }, run));
      checkXml(svg);
      // Outside the raw pieces' titles, no marker is drawn.
      expect(svg.replace(/<title>[^<]*<\/title>/g, '')).not.toContain('Ġ');
      expect(svg).toMatch(/<g>\s*<title>Ġkeys<\/title>\s*<text [^>]*>keys<\/text>\s*<\/g>/);
      expect(svg).toMatch(/<g>\s*<title>ing<\/title>\s*<text [^>]*>##ing<\/text>\s*<\/g>/);
      expect(svg).toContain('&lt;s&gt;/&lt;/s&gt; hidden');
    }
  });
});
