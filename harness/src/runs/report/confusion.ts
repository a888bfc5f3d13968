import { fmt, mdTable } from './format';
import type { ConfusionCell } from './run-facts';

/** The confusion matrix as rows (injected) × columns (observed), with row totals. */
export function confusionTable(cells: readonly ConfusionCell[]): { head: string[]; rows: string[][] } {
  const injected = [...new Set(cells.map((c) => c.injected))].sort((a, b) =>
    a === 'none' ? -1 : b === 'none' ? 1 : a < b ? -1 : 1,
  );
  const observed = [...new Set(cells.map((c) => c.observed))].sort((a, b) =>
    a === 'ok' ? -1 : b === 'ok' ? 1 : a < b ? -1 : 1,
  );
  const n = (i: string, o: string) => cells.find((c) => c.injected === i && c.observed === o)?.requests ?? 0;
  return {
    head: ['injected by mock ↓ / client saw →', ...observed, 'requests'],
    rows: injected.map((i) => [
      i,
      ...observed.map((o) => (n(i, o) ? fmt.int(n(i, o)) : '·')),
      fmt.int(observed.reduce((a, o) => a + n(i, o), 0)),
    ]),
  };
}

/** The report's "Injected vs observed" section: one row per injected fault, one column per outcome. */
export function confusionMarkdown(cells: readonly ConfusionCell[]): string[] {
  if (cells.length === 0) return [];
  const t = confusionTable(cells);
  return [
    '## Injected vs observed, per request',
    'Measured requests (sent, warm-up excluded): the fault(s) the mock injected on the attempts of each request (its ground-truth spans in the request trace; `a+b` when attempts got different faults) against the outcome the client reported. A fault the client absorbed (a retry that succeeded) counts under `ok`.',
    mdTable(t.head, t.rows),
  ];
}
