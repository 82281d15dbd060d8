/**
 * The sentence(s) in the address, kept within what every server and browser accepts (issue 13,
 * defect 3). The text goes in the fragment (`#…`), which is never sent to a server, so no server
 * can refuse it (HTTP 431 took the page and the text with it). Short text is written as is;
 * longer text compressed (deflate-raw, base64url); text that still does not fit the address's
 * budget is kept in this browser's storage under an id in the address, and the app says that a
 * link cannot carry it. The whole address stays under MAX_ADDRESS characters.
 */
import { MAX_TEXT } from './urlState';

/** Longer addresses are refused or cut by some servers, proxies and browsers. */
export const MAX_ADDRESS = 8000;
/** A compressed fragment may not inflate to more than this (a crafted link must not exhaust memory). */
const MAX_INFLATED_BYTES = 8 * MAX_TEXT * 2;
const STORE_PREFIX = 'bertology-text:';
/** Texts kept locally, newest first; older ones are removed. */
const STORE_KEEP = 20;

export interface TextStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export interface EncodedText {
  /** "#…" or "" when there is no text. */
  fragment: string;
  /** Said to the person when the link cannot carry the text. */
  notice: string;
}

export async function encodeText(
  text: string,
  pair: string,
  room: number,
  store: TextStore | null,
): Promise<EncodedText> {
  if (text === '' && pair === '') return { fragment: '', notice: '' };
  // Deflate rarely shrinks text 40-fold: far longer text goes straight to storage, uncompressed;
  // so does text beyond what a link may carry (MAX_TEXT), which a reader would cut.
  const chars = Array.from(text).length + Array.from(pair).length;
  const hopeless =
    text.length + pair.length > 40 * room || Math.max(Array.from(text).length, Array.from(pair).length) > MAX_TEXT;
  const plain = hopeless ? '' : new URLSearchParams(pair ? { text, pair } : { text }).toString();
  if (!hopeless) {
    if (plain.length + 1 <= room) return { fragment: `#${plain}`, notice: '' };
    const packed = `z=${base64url(await deflate(JSON.stringify(pair ? [text, pair] : [text])))}`;
    if (packed.length + 1 <= room) return { fragment: `#${packed}`, notice: '' };
  }
  const id = textId(text, pair);
  try {
    if (!store) throw new Error('no storage');
    keep(store, id, JSON.stringify({ text, pair, savedAt: Date.now() }));
  } catch {
    return {
      fragment: `#local=${id}`,
      notice: `The text (${chars.toLocaleString('en')} characters) is too long for a link, and this browser has no room to keep it: a reload will not bring it back. Save it somewhere first.`,
    };
  }
  return {
    fragment: `#local=${id}`,
    notice: `The text (${chars.toLocaleString('en')} characters) is too long for a link: it is kept in this browser, so a reload shows it, but a shared link will not carry it.`,
  };
}

export interface DecodedText {
  text?: string;
  pair?: string;
  notices: string[];
}

export async function decodeText(fragment: string, store: TextStore | null): Promise<DecodedText> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const notices: string[] = [];
  const capped = (value: string | null, name: string): string | undefined => {
    if (value === null) return undefined;
    const chars = Array.from(value);
    if (chars.length <= MAX_TEXT) return value;
    notices.push(`The ${name} in the address was cut to ${MAX_TEXT.toLocaleString('en')} characters.`);
    return chars.slice(0, MAX_TEXT).join('');
  };
  const z = params.get('z');
  if (z !== null) {
    try {
      const parsed: unknown = JSON.parse(await inflate(fromBase64url(z)));
      if (
        !Array.isArray(parsed) ||
        parsed.length < 1 ||
        parsed.length > 2 ||
        !parsed.every((s) => typeof s === 'string')
      ) {
        throw new Error('not a text');
      }
      return {
        text: capped(parsed[0] as string, 'sentence'),
        pair: capped((parsed[1] as string) ?? '', 'second sentence'),
        notices,
      };
    } catch {
      return { notices: ['The text in the address is damaged, so it was not restored.'] };
    }
  }
  const local = params.get('local');
  if (local !== null) {
    const saved = /^[a-z0-9]{1,16}$/.test(local) ? store?.getItem(STORE_PREFIX + local) : null;
    try {
      const value = JSON.parse(saved ?? 'null') as { text?: unknown; pair?: unknown } | null;
      if (value && typeof value.text === 'string' && typeof value.pair === 'string') {
        return { text: value.text, pair: value.pair, notices };
      }
    } catch {
      // Reported below, as a text that is not here.
    }
    return {
      notices: [
        'This link pointed to a long text kept in the browser that made it; it is not kept in this one, so it could not be restored.',
      ],
    };
  }
  const text = capped(params.get('text'), 'sentence');
  const pair = capped(params.get('pair'), 'second sentence');
  // A link with a sentence and no second one means: no second sentence.
  return { text, pair: pair ?? (text === undefined ? undefined : ''), notices };
}

/** A short id for a text: FNV-1a over its UTF-16 units, in base 36. */
export function textId(text: string, pair: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const all = `${text}\u0000${pair}`;
  for (let i = 0; i < all.length; i++) {
    const c = all.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

function keep(store: TextStore, id: string, value: string): void {
  store.setItem(STORE_PREFIX + id, value);
  const saved: { key: string; at: number }[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(STORE_PREFIX)) continue;
    const at = Number((/"savedAt":(\d+)/.exec(store.getItem(key) ?? '') ?? [])[1] ?? 0);
    saved.push({ key, at });
  }
  saved.sort((a, b) => b.at - a.at);
  for (const old of saved.slice(STORE_KEEP)) if (old.key !== STORE_PREFIX + id) store.removeItem(old.key);
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array): Promise<string> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_INFLATED_BYTES) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(
    await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer(),
  );
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
