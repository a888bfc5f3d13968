import type { LiveTick, SeriesPoint } from '../../lib/server-types';

/** One second of a run as the live charts plot it (from a tick, or from stored history). */
export interface LiveRow {
  t: number;
  targetRpm: number | null;
  achievedRpm: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  ttftP50: number | null;
  ttftP95: number | null;
  errors: number;
  retries: number;
  queueDepth: number | null;
  inFlight: number | null;
  tokensPerSec: number | null;
  costPerMin: number;
  /** Errors of each class in this second, keyed `err:<class>` so charts can stack them. */
  [errorKey: `err:${string}`]: number;
}

/** The key under which a class's per-second errors are stored in a row. */
export const errKey = (cls: string): `err:${string}` => `err:${cls}`;

/** A live tick as a chart row. */
export function rowFromTick(x: LiveTick): LiveRow {
  const row: LiveRow = {
    t: x.t,
    targetRpm: x.targetRpm,
    achievedRpm: x.achievedRpm,
    p50: x.latencyMs.p50,
    p95: x.latencyMs.p95,
    p99: x.latencyMs.p99,
    ttftP50: x.ttftMs.p50,
    ttftP95: x.ttftMs.p95,
    errors: Object.values(x.errorsByClass).reduce((a, b) => a + b, 0),
    retries: x.retries,
    queueDepth: x.queueDepth,
    inFlight: x.inFlight,
    tokensPerSec: x.tokensPerSec,
    costPerMin: x.costPerMin,
  };
  for (const [cls, n] of Object.entries(x.errorsByClass)) row[errKey(cls)] = n;
  return row;
}

/**
 * A stored second (`/api/runs/:id/series`, by scheduled second) as a chart row: what was scheduled
 * is the target, what was sent (not dropped) is achieved, both per minute.
 */
export function rowFromSeries(p: SeriesPoint): LiveRow {
  const row: LiveRow = {
    t: p.t,
    targetRpm: p.requests * 60,
    achievedRpm: (p.requests - p.dropped) * 60,
    p50: p.p50,
    p95: p.p95,
    p99: p.p99,
    ttftP50: p.ttftP50,
    ttftP95: null,
    errors: p.errors,
    retries: p.retries,
    queueDepth: null,
    inFlight: null,
    tokensPerSec: p.tokensOut,
    costPerMin: p.costUsd * 60,
  };
  for (const [cls, n] of Object.entries(p.errorsByClass)) row[errKey(cls)] = n;
  return row;
}

/**
 * History and live ticks as one series: the live tick wins for any second both have (it is what
 * the user saw), stored seconds fill the rest (before the page opened, or after a reconnect).
 */
export function mergeRows(series: readonly SeriesPoint[], ticks: readonly LiveTick[]): LiveRow[] {
  const byT = new Map<number, LiveRow>();
  for (const p of series) byT.set(p.t, rowFromSeries(p));
  for (const x of ticks) byT.set(x.t, rowFromTick(x));
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

/** Every error class present in the rows, most frequent first. */
export function errorClasses(rows: readonly LiveRow[]): string[] {
  const n = new Map<string, number>();
  for (const r of rows)
    for (const [k, v] of Object.entries(r))
      if (k.startsWith('err:') && typeof v === 'number') n.set(k.slice(4), (n.get(k.slice(4)) ?? 0) + v);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

/** Run totals as the stats strip shows them. */
export interface RunTotals {
  scheduled: number;
  ok: number;
  errors: number;
  dropped: number;
  costUsd: number;
  /** Average achieved rate over the seconds seen. */
  achievedRpm: number | null;
  /** Average scheduled (target) rate over the seconds seen. */
  targetRpm: number | null;
}

/** Totals from stored history (a finished run, or a run seen only after it ended). */
export function totalsFromSeries(series: readonly SeriesPoint[]): RunTotals {
  const sum = (f: (p: SeriesPoint) => number) => series.reduce((a, p) => a + f(p), 0);
  // Outcomes and cost are results: the measured window only (warm-up seconds left out).
  const measured = (f: (p: SeriesPoint) => number) => sum((p) => (p.warmup ? 0 : f(p)));
  const sent = sum((p) => p.requests - p.dropped);
  const seconds = series.length ? Math.max(...series.map((p) => p.t)) + 1 : 0;
  return {
    scheduled: sum((p) => p.requests),
    ok: measured((p) => p.ok),
    errors: measured((p) => p.errors),
    dropped: measured((p) => p.dropped),
    costUsd: measured((p) => p.costUsd),
    achievedRpm: seconds ? (sent / seconds) * 60 : null,
    targetRpm: seconds ? (sum((p) => p.requests) / seconds) * 60 : null,
  };
}
