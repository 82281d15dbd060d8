/**
 * Makes a screenshot PNG small for the README: its 256 most frequent colours become a palette
 * (a screen is mostly flat colours; anti-aliased edges take the nearest one), one byte a pixel,
 * each row filtered (Sub) and deflated. Chromium's screenshots are 8-bit RGB(A), not interlaced.
 */
import { crc32, deflateSync } from 'node:zlib';
import { decodePng } from './pngDecode';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The PNG with at most 256 colours (the most frequent; every other pixel takes the nearest of them). */
export function shrinkPng(png: Buffer): Buffer {
  const { width, height, rgba } = decodePng(png);
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) rgb.set(rgba.subarray(p * 4, p * 4 + 3), p * 3);
  const key = (i: number) => (rgb[i]! << 16) | (rgb[i + 1]! << 8) | rgb[i + 2]!;
  const counts = new Map<number, number>();
  for (let i = 0; i < rgb.length; i += 3) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  const palette = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 256)
    .map(([c]) => c);
  const index = new Map<number, number>();
  palette.forEach((c, i) => index.set(c, i));
  const nearest = (c: number): number => {
    let best = 0;
    let bestD = Infinity;
    palette.forEach((p, i) => {
      const d =
        ((p >> 16) - (c >> 16)) ** 2 + (((p >> 8) & 255) - ((c >> 8) & 255)) ** 2 + ((p & 255) - (c & 255)) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    });
    index.set(c, best);
    return best;
  };
  const rows = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 1; // Sub
    let left = 0;
    for (let x = 0; x < width; x++) {
      const c = key((y * width + x) * 3);
      const i = index.get(c) ?? nearest(c);
      rows[y * (width + 1) + 1 + x] = (i - left) & 255;
      left = i;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((c, i) => plte.set([c >> 16, (c >> 8) & 255, c & 255], i * 3));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
