/** Number formatting shared by every panel (units always shown). */
export const fmt = {
  ms: (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`,
  usd: (v: number | null | undefined) =>
    v === null || v === undefined
      ? '—'
      : Math.abs(v) >= 1
        ? `$${v.toFixed(2)}`
        : Math.abs(v) >= 0.01
          ? `$${v.toFixed(4)}`
          : `$${v.toPrecision(3)}`,
  pct: (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`),
  int: (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en'),
  rpm: (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : `${Math.round(v).toLocaleString('en')}/min`,
  num: (v: number | null | undefined, digits = 1) =>
    v === null || v === undefined ? '—' : v.toFixed(digits),
};

/** Short axis tick for milliseconds. */
export const msTick = (v: number) =>
  v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}s` : `${Math.round(v)}`;

/** Short axis tick for USD amounts. */
export const usdTick = (v: number) => (v === 0 ? '0' : v >= 1 ? `$${v.toFixed(1)}` : `$${v.toPrecision(2)}`);
