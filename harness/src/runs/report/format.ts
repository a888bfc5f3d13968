/** Number formatting shared by the CLI summary and the reports. */
export const fmt = {
  ms: (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : v >= 10_000
        ? `${(v / 1000).toFixed(1)} s`
        : `${v.toFixed(v < 10 ? 1 : 0)} ms`,
  usd: (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : v === 0
        ? '$0'
        : v < 0.01
          ? `$${v.toPrecision(2)}`
          : `$${v.toFixed(2)}`,
  pct: (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${(v * 100).toFixed(v < 0.01 && v > 0 ? 2 : 1)} %`,
  int: (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en'),
  rpm: (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${v.toFixed(v < 100 ? 1 : 0)}/min`,
};

/** A Markdown table from a header and rows of cells. */
export function mdTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
