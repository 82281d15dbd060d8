/**
 * Writes the picture's state to the address: settings in the query, the text in the fragment
 * (see urlText.ts). Encoding may compress, so it is asynchronous; only the newest write lands.
 */
import { encodeText, MAX_ADDRESS, type TextStore } from './urlText';

/** localStorage when the browser allows it (private modes and sandboxed frames may not). */
export function browserTextStore(): TextStore | null {
  try {
    const store = globalThis.localStorage;
    return store ?? null;
  } catch {
    return null;
  }
}

export class AddressWriter {
  /** Said when the link cannot carry the text. */
  notice = $state('');
  private latest = 0;

  constructor(private readonly store: TextStore | null) {}

  async write(query: string, text: string, pair: string): Promise<void> {
    const id = ++this.latest;
    const base = `${location.pathname}${query}`;
    const room = MAX_ADDRESS - location.origin.length - base.length;
    const { fragment, notice } = await encodeText(text, pair, room, this.store);
    if (id !== this.latest) return;
    this.notice = notice;
    const url = `${base}${fragment}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history.replaceState(history.state, '', url);
    }
  }
}
