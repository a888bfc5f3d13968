import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types';

/** Print results as the one table `npm run bench` shows (and README quotes). */
export function printResults(rows: readonly (BenchResult & { bench: string })[]): void {
  const header = ['bench', 'goal', 'measured', 'ratio', 'result'];
  const body = rows.map((r) => [
    r.bench,
    r.goal,
    r.measured,
    r.ratio === null ? '—' : r.ratio.toFixed(3),
    r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

/** True when this module is the script node was asked to run (for standalone bench files). */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === process.argv[1];
}
