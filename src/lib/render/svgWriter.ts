/**
 * A tiny SVG string writer: element trees to well-formed XML. Every piece of text passes through
 * `xmlText`/`xmlAttr`, which escape markup and replace characters that XML 1.0 forbids, so any
 * sentence a person types ends up as inert text.
 */

export type AttrValue = string | number | undefined;

export interface SvgNode {
  tag: string;
  attrs: Record<string, AttrValue>;
  children: (SvgNode | string)[];
}

/** Builds an element; undefined attributes are left out, string children become escaped text. */
export function h(tag: string, attrs: Record<string, AttrValue> = {}, ...children: (SvgNode | string)[]): SvgNode {
  return { tag, attrs, children };
}

// Characters outside XML 1.0's Char production (C0 controls except tab/LF/CR, lone surrogates,
// U+FFFE and U+FFFF). The `u` flag makes paired surrogates one code point, so only lone ones match.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu;

/** Text that XML can hold: forbidden characters become U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '\ufffd');
}

export function xmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For double-quoted attributes; tab and newlines as references so parsers keep them. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** A coordinate or size with at most two decimals and no "-0", the same in every JS engine. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} into an SVG.`);
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function attrText(value: AttrValue): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? fmt(value) : xmlAttr(value);
}

/** Serialises a node. Elements without children are self-closed; text is never indented. */
export function serialize(node: SvgNode): string {
  const parts: string[] = [];
  write(node, parts);
  return parts.join('');
}

function write(node: SvgNode, parts: string[]): void {
  parts.push('<', node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    const text = attrText(value);
    if (text !== undefined) parts.push(' ', name, '="', text, '"');
  }
  if (node.children.length === 0) {
    parts.push('/>');
    return;
  }
  parts.push('>');
  const hasText = node.children.some((c) => typeof c === 'string');
  for (const child of node.children) {
    if (typeof child === 'string') parts.push(xmlText(child));
    else {
      if (!hasText) parts.push('\n');
      write(child, parts);
    }
  }
  if (!hasText) parts.push('\n');
  parts.push('</', node.tag, '>');
}

/** A standalone SVG document: XML declaration, then the root element, then a final newline. */
export function svgDocument(root: SvgNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
}
