/**
 * A small deterministic PNG encoder (ISO/IEC 15948): 8-bit indexed or RGBA images, filter 0 on
 * every row, and a zlib stream made of stored (uncompressed) deflate blocks (RFC 1950/1951).
 * No compression means no choice of strategy, so Node and every browser write the same bytes.
 */

import { toBase64 } from './base64';

/** An image whose pixels are indices into a palette of RGB triplets (at most 256 colours). */
export interface IndexedImage {
  width: number;
  height: number;
  /** width × height palette indices, row-major. */
  indices: Uint8Array;
  /** RGB triplets, 3 bytes per colour. */
  palette: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it) of bytes[start, end). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Adler-32 (RFC 1950) of bytes. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 is the largest run for which b cannot overflow 2^53 before the modulo (zlib uses it too).
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(bytes.length, start + 5552);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const MAX_STORED = 65535;

/** A zlib stream holding `data` in stored deflate blocks. */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78; // deflate, 32K window
  out[1] = 0x01; // no preset dictionary, fastest; 0x7801 is a multiple of 31
  let at = 2;
  for (let k = 0; k < blocks; k++) {
    const start = k * MAX_STORED;
    const length = Math.min(MAX_STORED, data.length - start);
    out[at++] = k === blocks - 1 ? 1 : 0; // BFINAL, BTYPE = 00 (stored)
    out[at++] = length & 255;
    out[at++] = length >>> 8;
    out[at++] = ~length & 255;
    out[at++] = (~length >>> 8) & 255;
    out.set(data.subarray(start, start + length), at);
    at += length;
  }
  writeUint32(out, at, adler32(data));
  return out;
}

function writeUint32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 255;
  out[at + 2] = (value >>> 8) & 255;
  out[at + 3] = value & 255;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeUint32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeUint32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const SIGNATURE = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);

function header(width: number, height: number, colorType: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  writeUint32(ihdr, 0, width);
  writeUint32(ihdr, 4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colorType;
  // compression 0, filter method 0, no interlace
  return chunk('IHDR', ihdr);
}

/** Each row prefixed with filter type 0 (None). */
function scanlines(pixels: Uint8Array, rowBytes: number, height: number): Uint8Array {
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  return raw;
}

function checkSize(width: number, height: number, length: number, perPixel: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`A PNG needs a positive whole width and height, not ${width}×${height}.`);
  }
  if (length !== width * height * perPixel) {
    throw new RangeError(`A ${width}×${height} image needs ${width * height * perPixel} bytes, got ${length}.`);
  }
}

/** PNG colour type 3: one byte per pixel, indexing `palette`. */
export function encodeIndexedPng(image: IndexedImage): Uint8Array {
  const { width, height, indices, palette } = image;
  checkSize(width, height, indices.length, 1);
  if (palette.length === 0 || palette.length % 3 !== 0 || palette.length > 256 * 3) {
    throw new RangeError(`A PNG palette holds 1 to 256 RGB colours, not ${palette.length} bytes.`);
  }
  return concat([
    SIGNATURE,
    header(width, height, 3),
    chunk('PLTE', palette),
    chunk('IDAT', zlibStored(scanlines(indices, width, height))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** PNG colour type 6: four bytes (R, G, B, A) per pixel. */
export function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  checkSize(width, height, rgba.length, 4);
  return concat([
    SIGNATURE,
    header(width, height, 6),
    chunk('IDAT', zlibStored(scanlines(rgba, width * 4, height))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${toBase64(png)}`;
}
