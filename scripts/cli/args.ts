/**
 * Checks of the numbers and text sources given on the command line (issue 13, defect 10). A bad
 * value is refused with what was given and what is allowed; nothing runs on a value that would
 * hang (`--threads 100000`) or mean nothing (`--top 2.5`).
 */
import { availableParallelism } from 'node:os';

/** A mistake in the command line: reported with the usage text and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const MAX_TOP = 1000;
/** More threads than this only queue behind each other (and 100000 hung the runtime). */
export const MAX_THREADS = Math.min(256, availableParallelism() * 4);

/** A whole number from `min` to `max`, written in plain digits. */
export function wholeNumber(option: string, value: unknown, min: number, max: number): number {
  const text = String(value);
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value.trim())) {
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, not "${shown(text)}".`);
  }
  const n = Number(value.trim());
  if (n < min || n > max) throw new UsageError(`--${option} must be from ${min} to ${max}, not ${n}.`);
  return n;
}

export function parseTop(value: unknown, fallback: number): number {
  return value === undefined ? fallback : wholeNumber('top', value, 1, MAX_TOP);
}

/** --threads: at least 1; above MAX_THREADS it is capped, and the note says so. */
export function parseThreads(value: unknown): { threads: number; note?: string } {
  if (value === undefined) return { threads: 1 };
  const n = wholeNumber('threads', value, 1, 999_999_999);
  if (n <= MAX_THREADS) return { threads: n };
  return {
    threads: MAX_THREADS,
    note: `--threads ${n} is more than this machine can use; running on ${MAX_THREADS} (at most 4 per core, and 256).`,
  };
}

/** The value as it can be shown in a message: short, without control characters. */
export function shown(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}
