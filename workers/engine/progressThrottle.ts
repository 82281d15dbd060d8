/**
 * Load progress crosses from the worker to the page at most once per `intervalMs` for each file,
 * and always for a file's first and last report: a 360 MB model arrives in some 12,000 chunks, and a
 * message per chunk kept the page's main thread busy for seconds (bench/corpus.ts).
 */
import type { FileProgress } from '../../src/lib/core/types';

export function throttleProgress(
  onProgress: (p: FileProgress) => void,
  intervalMs = 50,
  now: () => number = () => performance.now(),
): (p: FileProgress) => void {
  const last = new Map<string, number>();
  return (p) => {
    const t = now();
    const previous = last.get(p.file);
    if (!p.done && previous !== undefined && t - previous < intervalMs) return;
    last.set(p.file, t);
    onProgress(p);
  };
}
