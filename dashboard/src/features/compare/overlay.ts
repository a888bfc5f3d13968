import type { SeriesPoint } from '../../lib/server-types';

/** One second of N runs side by side: `p95_<i>` and `rate_<i>` for run i (0 = baseline). */
export type OverlayRow = { t: number } & Record<string, number | null>;

/**
 * Align runs' per-second series on seconds since each run's start, so their latency p95 and
 * achieved rate (requests sent per minute) overlay. Warm-up seconds are left out (they are not
 * results), and so are seconds with no scheduled request (a run's drain after its schedule, which
 * the stored series keeps for its gauges); a second one run lacks leaves that run's values null.
 */
export function overlaySeries(runs: readonly (readonly SeriesPoint[])[]): OverlayRow[] {
  const rows = new Map<number, OverlayRow>();
  const row = (t: number): OverlayRow => {
    const known = rows.get(t);
    if (known) return known;
    const fresh: OverlayRow = { t };
    for (let i = 0; i < runs.length; i++) {
      fresh[`p95_${i}`] = null;
      fresh[`rate_${i}`] = null;
    }
    rows.set(t, fresh);
    return fresh;
  };
  runs.forEach((series, i) => {
    for (const p of series) {
      if (p.warmup || p.requests === 0) continue;
      Object.assign(row(p.t), { [`p95_${i}`]: p.p95, [`rate_${i}`]: (p.requests - p.dropped) * 60 });
    }
  });
  return [...rows.values()].sort((x, y) => x.t - y.t);
}
