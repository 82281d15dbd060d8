/**
 * Base64 (RFC 4648, with padding) in plain TypeScript, so that Node and the browser produce the
 * same text for the same bytes without Buffer or btoa.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CHUNK = 8192;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const full = bytes.length - (bytes.length % 3);
  // Chunked so a large image does not build one huge argument list or string concatenation chain.
  for (let start = 0; start < full; start += CHUNK * 3) {
    const end = Math.min(full, start + CHUNK * 3);
    const codes = new Array<string>((end - start) / 3);
    for (let i = start, k = 0; i < end; i += 3, k++) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      codes[k] = ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    }
    parts.push(codes.join(''));
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]! << 16;
    parts.push(`${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}==`);
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    parts.push(`${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}=`);
  }
  return parts.join('');
}
