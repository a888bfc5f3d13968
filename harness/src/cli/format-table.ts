/** Render rows as an aligned plain-text table (what the CLI prints for SQL answers and summaries). */
export function formatTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (cols.length === 0) return '(no columns)';
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const body = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) =>
    Math.min(60, Math.max(c.length, ...body.map((r) => (r[i] ?? '').length))),
  );
  const fit = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
  const line = (cells: readonly string[]) =>
    cells
      .map((s, i) => fit(s, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
