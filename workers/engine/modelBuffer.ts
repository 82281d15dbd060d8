/**
 * Model buffers with spare room after them, so that instrumentation can append its patch without a
 * second copy of a 500 MB model. Only buffers made here are written past their end.
 */
const SLACK_BYTES = 64 * 1024;
const buffersWithSlack = new WeakSet<ArrayBufferLike>();

export function allocateModelBuffer(length: number): Uint8Array {
  const buffer = new ArrayBuffer(length + SLACK_BYTES);
  buffersWithSlack.add(buffer);
  return new Uint8Array(buffer, 0, length);
}

/** Whether `buffer` was made here and can hold `needed` bytes from its start. */
export function hasSlack(buffer: ArrayBufferLike, needed: number): boolean {
  return buffersWithSlack.has(buffer) && buffer.byteLength >= needed;
}

export function useSlack(buffer: ArrayBufferLike): void {
  buffersWithSlack.delete(buffer);
}
