/**
 * Latency and TTFT of one second of a run, whole and per pattern: what the live charts plot over
 * time. Computed by `aggregate`, so a second's p95 is the same estimator as the report's p95.
 */
import { aggregate, groupByPattern } from './aggregate';
import type { RequestSample } from './request-sample';

/** Latency and TTFT percentiles of one population of one second, ms (null when it had none). */
export interface SecondTimings {
  /** Sent requests with a verdict in this population (ok + errors; dropped ones have no latency). */
  n: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  ttftMs: { p50: number | null; p95: number | null };
}

/** The timings of one population of samples. */
export function secondTimings(samples: readonly RequestSample[]): SecondTimings {
  const m = aggregate(samples);
  return {
    n: m.ok + m.errors,
    latencyMs: { p50: m.latency.p50, p95: m.latency.p95, p99: m.latency.p99 },
    ttftMs: { p50: m.ttft.p50, p95: m.ttft.p95 },
  };
}

/** The timings of each pattern present among the samples (dropped-only patterns have n = 0). */
export function timingsByPattern(samples: readonly RequestSample[]): Record<string, SecondTimings> {
  return Object.fromEntries([...groupByPattern(samples)].map(([p, xs]) => [p, secondTimings(xs)]));
}
