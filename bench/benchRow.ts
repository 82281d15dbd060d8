/** One row of `npm run bench`'s table: a figure measured in this run, as a ratio against its stated target. */
export interface BenchRow {
  /** What was measured, e.g. "rollout, 512 tokens, 12×12 heads (WASM, Node)". */
  name: string;
  /** The measured figure in its own unit, e.g. "182 ms" or "1.07×". */
  measured: string;
  /** measured / limit, or the measured ratio itself: at most 1 (or the target) passes. */
  ratio: number;
  /** The target for `ratio`, e.g. 1.3 for "at most 1.3× plain inference". */
  target: number;
  pass: boolean;
  note?: string;
}
