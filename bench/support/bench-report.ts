// Plain-text tables for the terminal: per-benchmark details and the final summary of a run.
import { BenchResult, formatNumber, formatRatio, judge } from './bench-result';

export type Cell = string | number;

/** Left-aligns the first column, right-aligns the others (numbers). */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const text = [headers, ...rows].map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths = headers.map((_, column) => Math.max(...text.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(text[0]), rule, ...text.slice(1).map(line)].join('\n');
}

/** Figure, measured, target, ratio, met — the table the issue asks for at the end of a run. */
export function formatSummary(results: readonly BenchResult[]): string {
  const rows: Cell[][] = [];
  for (const result of results) {
    for (const figure of result.figures) {
      const verdict = judge(figure);
      if (verdict === null) continue;
      rows.push([
        `${result.name}: ${figure.label}`,
        `${formatNumber(figure.value)} ${figure.unit}`,
        verdict.target,
        formatRatio(verdict.ratio),
        verdict.met ? 'yes' : 'NO',
      ]);
    }
  }
  return formatTable(['figure', 'measured', 'target', 'ratio', 'met'], rows);
}

/** Wall time and peak RSS of each benchmark process, and the benchmarks that failed. */
export function formatResources(results: readonly BenchResult[], failures: ReadonlyArray<{ name: string; reason: string }>): string {
  const rows: Cell[][] = results.map((result) => [result.name, `${result.wallSeconds.toFixed(1)} s`, `${result.rssPeakMiB.toFixed(0)} MiB`]);
  for (const failure of failures) rows.push([failure.name, 'FAILED', failure.reason]);
  return formatTable(['benchmark', 'wall time', 'peak RSS'], rows);
}
