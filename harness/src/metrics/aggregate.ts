/**
 * The one definition of every per-run figure (counts, error rate, percentiles, cost, cost per 1K,
 * waste, retries): the CLI summary, every report format, `/api/patterns`, `/api/compare` and the
 * live feed all call `aggregate` on the measured window's samples, so they agree to the last digit.
 */
import { type Distribution, distribution } from '../driver/stats';
import type { RequestSample } from './request-sample';

/** Figures of one population of requests (a run, or one pattern of it). */
export interface MetricSet {
  /** Scheduled requests that reached a verdict: ok + errors + dropped. */
  requests: number;
  ok: number;
  errors: number;
  dropped: number;
  /** errors / (ok + errors); null when nothing was sent. */
  errorRate: number | null;
  errorsByClass: Record<string, number>;
  /** Over sent requests (ok and errors); exact percentiles, linear between closest ranks. */
  latency: Distribution;
  /** Over requests that reported a first token. */
  ttft: Distribution;
  costUsd: number;
  /** costUsd per 1,000 sent requests (ok + errors); null when nothing was sent. */
  costPer1k: number | null;
  wastedUsd: number;
  retries: number;
}

/**
 * Sum that does not depend on the order of its terms (ascending, so small terms are not lost):
 * the driver sees requests in completion order, the store in time order.
 */
export function orderFreeSum(values: readonly number[]): number {
  const s = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of s) sum += v;
  return sum;
}

/** Every figure of one population of samples. */
export function aggregate(samples: readonly RequestSample[]): MetricSet {
  let ok = 0;
  let errors = 0;
  let dropped = 0;
  let retries = 0;
  const errorsByClass: Record<string, number> = {};
  const latency: number[] = [];
  const ttft: number[] = [];
  const cost: number[] = [];
  const wasted: number[] = [];
  for (const s of samples) {
    if (s.outcome === 'dropped') {
      dropped++;
      continue;
    }
    if (s.outcome === 'ok') ok++;
    else {
      errors++;
      errorsByClass[s.errorClass] = (errorsByClass[s.errorClass] ?? 0) + 1;
    }
    if (s.latencyMs !== null) latency.push(s.latencyMs);
    if (s.ttftMs !== null) ttft.push(s.ttftMs);
    cost.push(s.costUsd);
    wasted.push(s.wastedUsd);
    retries += s.retries;
  }
  const sent = ok + errors;
  const costUsd = orderFreeSum(cost);
  return {
    requests: sent + dropped,
    ok,
    errors,
    dropped,
    errorRate: sent ? errors / sent : null,
    errorsByClass: Object.fromEntries(Object.entries(errorsByClass).sort(([a], [b]) => (a < b ? -1 : 1))),
    latency: distribution(latency),
    ttft: distribution(ttft),
    costUsd,
    costPer1k: sent ? (costUsd / sent) * 1000 : null,
    wastedUsd: orderFreeSum(wasted),
    retries,
  };
}

/** The samples of each pattern, in pattern name order. */
export function groupByPattern(samples: readonly RequestSample[]): Map<string, RequestSample[]> {
  const by = new Map<string, RequestSample[]>();
  for (const s of samples) {
    const list = by.get(s.pattern) ?? [];
    list.push(s);
    by.set(s.pattern, list);
  }
  return new Map([...by].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `aggregate` per pattern, in pattern name order. */
export function aggregateByPattern(samples: readonly RequestSample[]): Record<string, MetricSet> {
  return Object.fromEntries([...groupByPattern(samples)].map(([p, xs]) => [p, aggregate(xs)]));
}

/** Cost extrapolated to a day at the rate of a measured window of `measuredMs`; null when empty. */
export function costPerDay(costUsd: number, measuredMs: number): number | null {
  return measuredMs > 0 ? (costUsd / measuredMs) * 86_400_000 : null;
}
