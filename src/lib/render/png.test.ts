import { crc32 as nodeCrc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { adler32, crc32, encodeIndexedPng, encodeRgbaPng, pngDataUrl, zlibStored } from './png';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Splits a PNG into its chunks. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array; crc: number }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  let at = 8;
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), crc: view.getUint32(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('checksums', () => {
  it('CRC-32 matches the standard check value and the IEND chunk every PNG ends with', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('Adler-32 matches known values, also past the 5552-byte modulo run', () => {
    expect(adler32(ascii('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(0))).toBe(1);
    // Independent: the definition, with a modulo at every step.
    const big = Uint8Array.from({ length: 20_000 }, () => 255);
    let a = 1;
    let b = 0;
    for (const v of big) {
      a = (a + v) % 65521;
      b = (b + a) % 65521;
    }
    expect(adler32(big)).toBe(((b << 16) | a) >>> 0);
  });
});

describe('zlibStored', () => {
  it.each([0, 1, 65535, 65536, 200_000])('Node inflates %i bytes back to the input', (length) => {
    const data = Uint8Array.from({ length }, (_, i) => (i * 7) & 255);
    expect(Buffer.from(inflateSync(zlibStored(data))).equals(Buffer.from(data))).toBe(true);
  });
});

describe('encodeIndexedPng', () => {
  const palette = Uint8Array.of(0, 0, 0, 255, 0, 0, 0, 255, 0);
  const image = { width: 3, height: 2, indices: Uint8Array.of(0, 1, 2, 2, 1, 0), palette };

  it('writes the signature, IHDR, PLTE, IDAT and IEND with valid CRCs', () => {
    const png = encodeIndexedPng(image);
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    for (const c of list) {
      const typed = new Uint8Array(4 + c.data.length);
      typed.set(ascii(c.type));
      typed.set(c.data, 4);
      expect(crc32(typed)).toBe(c.crc);
    }
    expect(Array.from(list[0]!.data)).toEqual([0, 0, 0, 3, 0, 0, 0, 2, 8, 3, 0, 0, 0]);
    expect(Array.from(list[1]!.data)).toEqual(Array.from(palette));
  });

  it('round-trips: the IDAT inflates to filter-0 rows of the indices', () => {
    const idat = chunks(encodeIndexedPng(image)).find((c) => c.type === 'IDAT')!;
    expect(Array.from(inflateSync(idat.data))).toEqual([0, 0, 1, 2, 0, 2, 1, 0]);
  });

  it('computes every chunk CRC as the zlib of Node does; the file never changes (regression guard)', () => {
    const png = encodeIndexedPng(image);
    for (const c of chunks(png)) expect(c.crc).toBe(nodeCrc32(Buffer.concat([Buffer.from(c.type), c.data])));
    expect(crc32(png)).toBe(nodeCrc32(png));
    expect(crc32(png).toString(16)).toBe('f21c97f1');
  });

  it('refuses sizes that do not match the pixels', () => {
    expect(() => encodeIndexedPng({ ...image, width: 4 })).toThrow(/needs 8 bytes, got 6/);
    expect(() => encodeIndexedPng({ ...image, palette: new Uint8Array(0) })).toThrow(/palette/);
  });
});

describe('encodeRgbaPng', () => {
  it('stores four bytes per pixel behind each row filter byte', () => {
    const rgba = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const list = chunks(encodeRgbaPng(2, 1, rgba));
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(Array.from(inflateSync(list[1]!.data))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('makes a data URL', () => {
    expect(pngDataUrl(encodeRgbaPng(1, 1, new Uint8Array(4)))).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
