/** `npm run bench`'s one table: every row a figure measured in this run, as a ratio against its stated target. */
import type { BenchRow } from './benchRow';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The table as Markdown: printed by the bench and spliced into the README. */
export function benchTable(rows: BenchRow[]): string {
  const lines = [
    '| measured | figure | ratio | target | result |',
    '| --- | --- | ---: | ---: | --- |',
    ...rows
      .map((r) =>
        [
          cell(r.name),
          cell(r.note ? `${r.measured} (${r.note})` : r.measured),
          Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : '–',
          Number.isFinite(r.target) ? `≤ ${r.target}` : '–',
          r.pass ? 'pass' : Number.isFinite(r.ratio) ? '**over**' : 'not measured',
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
  return lines.join('\n');
}

/** A row for a part that could not be measured in this run, with the reason. */
export function notMeasured(name: string, target: number, why: string): BenchRow {
  return { name, measured: 'not measured', ratio: NaN, target, pass: false, note: why };
}
