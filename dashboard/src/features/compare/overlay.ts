import type { SeriesPoint } from '../../lib/server-types';

/** One second of two runs side by side (a = baseline, b = candidate). */
export interface OverlayRow {
  t: number;
  aP95: number | null;
  bP95: number | null;
  aRate: number | null;
  bRate: number | null;
}

/**
 * Align two runs' per-second series on seconds since each run's start, so their latency p95 and
 * achieved rate (requests sent per minute) overlay; a second only one run has leaves the other null.
 */
export function overlaySeries(a: readonly SeriesPoint[], b: readonly SeriesPoint[]): OverlayRow[] {
  const rows = new Map<number, OverlayRow>();
  const row = (t: number) => {
    let r = rows.get(t);
    if (!r) {
      r = { t, aP95: null, bP95: null, aRate: null, bRate: null };
      rows.set(t, r);
    }
    return r;
  };
  for (const p of a) Object.assign(row(p.t), { aP95: p.p95, aRate: (p.requests - p.dropped) * 60 });
  for (const p of b) Object.assign(row(p.t), { bP95: p.p95, bRate: (p.requests - p.dropped) * 60 });
  return [...rows.values()].sort((x, y) => x.t - y.t);
}
