import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('toBase64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 test vector %j → %j', (input, expected) => {
    expect(toBase64(ascii(input))).toBe(expected);
  });

  it('agrees with Node for every byte value and across chunk boundaries', () => {
    for (const length of [255, 256, 257, 8192 * 3 - 1, 8192 * 3, 8192 * 3 + 2, 70_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + (i >> 8)) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
