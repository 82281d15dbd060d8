import { describe, expect, it } from 'vitest';
import { fmt, h, serialize, svgDocument, xmlAttr, xmlSafe, xmlText } from './svgWriter';

describe('escaping', () => {
  it('escapes markup in text and attributes', () => {
    const hostile = '<script>alert(1)</script> & "quotes"';
    expect(xmlText(hostile)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"');
    expect(xmlAttr(hostile)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(xmlText('&amp;')).toBe('&amp;amp;');
  });

  it('replaces characters XML 1.0 forbids and keeps the ones it allows', () => {
    expect(xmlSafe('a\u0000b\u0008c\u001fd\ufffee')).toBe('a\ufffdb\ufffdc\ufffdd\ufffde');
    expect(xmlSafe('tab\tnl\ncr\r')).toBe('tab\tnl\ncr\r');
    expect(xmlSafe('lone \ud800 high, lone \udc00 low')).toBe('lone \ufffd high, lone \ufffd low');
    expect(xmlSafe('pair 😀 ok, ünï©ødé')).toBe('pair 😀 ok, ünï©ødé');
  });

  it('keeps whitespace in attributes as character references', () => {
    expect(xmlAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });
});

describe('fmt', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [-0.001, '0'],
    [1.005, '1'],
    [12.345678, '12.35'],
    [-3.14159, '-3.14'],
    [100, '100'],
    [1e-7, '0'],
  ])('%d → %s', (value, text) => expect(fmt(value)).toBe(text));

  it('refuses NaN and infinities, which would make an invalid figure', () => {
    expect(() => fmt(NaN)).toThrow(/NaN/);
    expect(() => fmt(Infinity)).toThrow(/Infinity/);
  });
});

describe('serialize', () => {
  it('writes nested elements, drops undefined attributes, escapes text', () => {
    const svg = h(
      'svg',
      { xmlns: 'http://www.w3.org/2000/svg', width: 10.004, hidden: undefined },
      h('title', {}, 'a < b'),
      h('rect', { x: 1, y: 2.5 }),
    );
    expect(serialize(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10">\n<title>a &lt; b</title>\n<rect x="1" y="2.5"/>\n</svg>',
    );
  });

  it('does not add whitespace inside mixed text content', () => {
    expect(serialize(h('text', {}, 'a', h('tspan', {}, 'b'), 'c'))).toBe('<text>a<tspan>b</tspan>c</text>');
  });

  it('makes a document with an XML declaration', () => {
    expect(svgDocument(h('svg'))).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<svg/>\n');
  });
});
