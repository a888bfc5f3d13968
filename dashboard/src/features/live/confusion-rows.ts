/** One cell of a run's per-request confusion matrix, as the report JSON carries it. */
export interface ConfusionCell {
  injected: string;
  observed: string;
  requests: number;
}

/** Rows (injected, `none` first) × columns (observed, `ok` first) with each row's total. */
export function confusionGrid(cells: readonly ConfusionCell[]): {
  columns: string[];
  rows: { injected: string; counts: number[]; total: number }[];
} {
  const order = (first: string) => (a: string, b: string) =>
    a === first ? -1 : b === first ? 1 : a < b ? -1 : a > b ? 1 : 0;
  const columns = [...new Set(cells.map((c) => c.observed))].sort(order('ok'));
  const injected = [...new Set(cells.map((c) => c.injected))].sort(order('none'));
  const n = (i: string, o: string) => cells.find((c) => c.injected === i && c.observed === o)?.requests ?? 0;
  return {
    columns,
    rows: injected.map((i) => {
      const counts = columns.map((o) => n(i, o));
      return { injected: i, counts, total: counts.reduce((a, x) => a + x, 0) };
    }),
  };
}
