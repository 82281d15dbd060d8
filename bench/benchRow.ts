/** One row of `npm run bench`'s table. Ratio and target are "lower is better" (e.g. 1.12 against 1.3). */
export interface BenchRow {
  name: string;
  /** The figures behind the ratio, as a person reads them (e.g. "24.1 s vs 21.5 s"). */
  measured: string;
  /** For absolute times: measured / limit, against a target of 1. */
  ratio: number;
  target: number;
  pass: boolean;
  note?: string;
}

export function row(name: string, measured: string, ratio: number, target: number, note?: string): BenchRow {
  return { name, measured, ratio, target, pass: Number.isFinite(ratio) && ratio <= target, ...(note ? { note } : {}) };
}

/** A plain-text table of rows, for a terminal. */
export function formatRows(rows: BenchRow[]): string {
  const cells = rows.map((r) => [r.name, r.measured, r.ratio.toFixed(3), `≤ ${r.target}`, r.pass ? 'pass' : 'FAIL']);
  const head = ['benchmark', 'measured', 'ratio', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.name}: ${r.note}`);
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    ...(notes.length ? ['', 'notes:', ...notes] : []),
  ].join('\n');
}
