import type { SeriesPoint } from '../../lib/server-types';

/** Run totals as the stats strip shows them. */
export interface RunTotals {
  scheduled: number;
  ok: number;
  errors: number;
  dropped: number;
  costUsd: number;
  /** Average achieved rate over the seconds seen. */
  achievedRpm: number | null;
  /** The scenario's planned rate: this second's (live) or the highest of the run (history). */
  targetRpm: number | null;
  /** Requests in flight: now (live) or the run's peak (history); null when not recorded. */
  inFlight: number | null;
  /** Client queue depth: now (live) or the run's peak (history); null when not recorded. */
  queueDepth: number | null;
  /** Output tokens per second: this second's (live) or the measured window's average (history). */
  tokensPerSec: number | null;
  /** USD per minute: this second's (live) or the measured window's average (history). */
  costPerMin: number | null;
}

/** The stats strip's figures: the totals, and the run-wide results of the one metrics module. */
export interface RunFigures extends RunTotals {
  /** Measured window (warm-up excluded): the last tick's so far, or the finished run's report. */
  latencyP95: number | null;
  errorRate: number | null;
  costPer1k: number | null;
}

/** The largest recorded value, or null when no second recorded one. */
const peak = (values: readonly (number | null)[]): number | null => {
  const xs = values.filter((v): v is number => v !== null);
  return xs.length ? Math.max(...xs) : null;
};

/** Totals from stored history (a finished run, or a run seen only after it ended). */
export function totalsFromSeries(series: readonly SeriesPoint[]): RunTotals {
  const sum = (f: (p: SeriesPoint) => number) => series.reduce((a, p) => a + f(p), 0);
  // Outcomes and cost are results: the measured window only (warm-up seconds left out).
  const measured = (f: (p: SeriesPoint) => number) => sum((p) => (p.warmup ? 0 : f(p)));
  const sent = sum((p) => p.requests - p.dropped);
  const withRequests = series.filter((p) => p.requests > 0);
  const seconds = withRequests.length ? Math.max(...withRequests.map((p) => p.t)) + 1 : 0;
  const measuredSeconds = withRequests.filter((p) => !p.warmup).length;
  return {
    scheduled: sum((p) => p.requests),
    ok: measured((p) => p.ok),
    errors: measured((p) => p.errors),
    dropped: measured((p) => p.dropped),
    costUsd: measured((p) => p.costUsd),
    achievedRpm: seconds ? (sent / seconds) * 60 : null,
    targetRpm: peak(series.map((p) => p.targetRpm)),
    inFlight: peak(series.map((p) => p.inFlight)),
    queueDepth: peak(series.map((p) => p.queueDepth)),
    tokensPerSec: measuredSeconds ? measured((p) => p.tokensOut) / measuredSeconds : null,
    costPerMin: measuredSeconds ? (measured((p) => p.costUsd) / measuredSeconds) * 60 : null,
  };
}
