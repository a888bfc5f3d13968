import type { LiveTick, SecondTimings, SeriesPoint } from '../../lib/server-types';

/** One second of a run as the live charts plot it (from a tick, or from stored history). */
export interface LiveRow {
  t: number;
  /** The second lies in the warm-up (charts shade it; results leave it out). */
  warmup: boolean;
  /** The scenario's planned rate in this second (null: not recorded, e.g. an older run). */
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
  /** Per-pattern latency p95 (`lat:<pattern>`) and TTFT p50 (`ttft:<pattern>`), ms. */
  [patternKey: `lat:${string}` | `ttft:${string}`]: number | null;
}

/** The key under which a class's per-second errors are stored in a row. */
export const errKey = (cls: string): `err:${string}` => `err:${cls}`;
/** The key of a pattern's latency p95 in a row. */
export const latKey = (pattern: string): `lat:${string}` => `lat:${pattern}`;
/** The key of a pattern's TTFT p50 in a row. */
export const ttftKey = (pattern: string): `ttft:${string}` => `ttft:${pattern}`;

function addPatterns(row: LiveRow, byPattern: Record<string, SecondTimings>): void {
  for (const [pattern, x] of Object.entries(byPattern)) {
    row[latKey(pattern)] = x.latencyMs.p95;
    row[ttftKey(pattern)] = x.ttftMs.p50;
  }
}

/** A live tick as a chart row. */
export function rowFromTick(x: LiveTick): LiveRow {
  const row: LiveRow = {
    t: x.t,
    warmup: x.warmup,
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
  addPatterns(row, x.byPattern);
  return row;
}

/**
 * A stored second (`/api/runs/:id/series`, by scheduled second) as a chart row: the target and
 * the gauges are what the live tick of that second recorded; achieved is what was sent (not
 * dropped), per minute.
 */
export function rowFromSeries(p: SeriesPoint): LiveRow {
  const row: LiveRow = {
    t: p.t,
    warmup: p.warmup,
    targetRpm: p.targetRpm,
    achievedRpm: (p.requests - p.dropped) * 60,
    p50: p.p50,
    p95: p.p95,
    p99: p.p99,
    ttftP50: p.ttftP50,
    ttftP95: p.ttftP95,
    errors: p.errors,
    retries: p.retries,
    queueDepth: p.queueDepth,
    inFlight: p.inFlight,
    tokensPerSec: p.tokensOut,
    costPerMin: p.costUsd * 60,
  };
  for (const [cls, n] of Object.entries(p.errorsByClass)) row[errKey(cls)] = n;
  addPatterns(row, p.byPattern);
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

/** Every pattern with a latency in the rows, by name. */
export function patternsIn(rows: readonly LiveRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (k.startsWith('lat:')) seen.add(k.slice(4));
  return [...seen].sort();
}

/** The warm-up as a shaded stretch `[from, until)` in seconds, or null when the rows have none. */
export function warmupSpan(rows: readonly LiveRow[]): { from: number; until: number } | null {
  const ts = rows.filter((r) => r.warmup).map((r) => r.t);
  return ts.length ? { from: Math.min(...ts), until: Math.max(...ts) + 1 } : null;
}
