import { describe, expect, it } from 'vitest';
import type { AxisLabel } from '../../render/figureParts';
import { labelMarkup } from './axisLabels';

const label = (text: string, over: Partial<AxisLabel> = {}): AxisLabel => ({
  key: text,
  index: 0,
  text,
  x: 12.5,
  y: 40,
  size: 11,
  role: 'text',
  anchor: 'end',
  rotate: 0,
  ...over,
});

describe('labelMarkup', () => {
  it('writes what AxisText.svelte renders: class, place, size, anchor', () => {
    expect(labelMarkup([label('cat'), label('sat', { anchor: 'start', role: 'special' })], 'left-label')).toBe(
      '<text class="left-label ink-text" x="12.5" y="40" font-size="11" text-anchor="end">cat</text>' +
        '<text class="left-label ink-special" x="12.5" y="40" font-size="11">sat</text>',
    );
    expect(labelMarkup([label('up', { rotate: -60, anchor: 'start' })], 'col-label')).toBe(
      '<text class="col-label ink-text" transform="translate(12.5 40) rotate(-60)" font-size="11">up</text>',
    );
  });

  it('escapes what a person typed: markup in a token stays text', () => {
    const markup = labelMarkup([label(`<img src=x onerror="alert('x')">&amp;`)], 'right-label');
    expect(markup).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;');
    expect(markup).not.toMatch(/<img/);
  });
});
