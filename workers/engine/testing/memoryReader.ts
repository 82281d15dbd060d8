/** A model folder held in memory, for tests: path → bytes or text. */
import type { ModelFileReader, ProgressCallback } from '../modelFiles';

export class MemoryReader implements ModelFileReader {
  constructor(
    readonly label: string,
    private readonly files: Record<string, Uint8Array | string>,
  ) {}

  async read(path: string, onProgress?: ProgressCallback): Promise<Uint8Array | null> {
    const value = this.files[path];
    if (value === undefined) return null;
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    onProgress?.({ file: path, loaded: bytes.length, total: bytes.length, done: true, fromCache: false });
    return bytes;
  }
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
