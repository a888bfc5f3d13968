/**
 * Per-second time series of a run for live progress: requested vs achieved rate, outcomes by
 * class and latency percentiles. Sends count in the second they were sent, verdicts in the second
 * they arrived; every bucket keeps its raw latencies so its percentiles are exact.
 */
import { percentileSorted, sortedCopy } from './stats';
import type { DriverRecord } from './types';

/** Latency percentiles of one bucket, ms. */
export interface BucketPercentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** One second of a run. */
export interface SecondStats {
  second: number;
  /** Inside the warm-up window (shown live, excluded from results). */
  warmup: boolean;
  /** Expected arrivals from the rate curve. */
  requested: number;
  /** Requests actually sent in this second. */
  achieved: number;
  ok: number;
  errors: Record<string, number>;
  dropped: number;
  latency: BucketPercentiles;
  ttft: BucketPercentiles;
}

interface Bucket {
  achieved: number;
  ok: number;
  errors: Record<string, number>;
  dropped: number;
  latencies: number[];
  ttfts: number[];
}

/** Accumulates per-second buckets; `expectedBetween` comes from the schedule's rate curve. */
export function createTimeSeries(opts: {
  expectedBetween(fromMs: number, toMs: number): number;
  warmupMs: number;
}) {
  const buckets: Bucket[] = [];
  const at = (offsetMs: number): Bucket => {
    const i = Math.max(0, Math.floor(offsetMs / 1000));
    for (let k = buckets.length; k <= i; k++) {
      buckets.push({ achieved: 0, ok: 0, errors: {}, dropped: 0, latencies: [], ttfts: [] });
    }
    return buckets[i]!;
  };
  const pct = (values: number[]): BucketPercentiles => {
    const s = sortedCopy(values);
    return { p50: percentileSorted(s, 50), p95: percentileSorted(s, 95), p99: percentileSorted(s, 99) };
  };
  const second = (i: number): SecondStats => {
    const b = buckets[i] ?? { achieved: 0, ok: 0, errors: {}, dropped: 0, latencies: [], ttfts: [] };
    return {
      second: i,
      warmup: i * 1000 < opts.warmupMs,
      requested: opts.expectedBetween(i * 1000, (i + 1) * 1000),
      achieved: b.achieved,
      ok: b.ok,
      errors: { ...b.errors },
      dropped: b.dropped,
      latency: pct(b.latencies),
      ttft: pct(b.ttfts),
    };
  };
  return {
    /** A request was sent at `offsetMs` from the run start. */
    sent(offsetMs: number): void {
      at(offsetMs).achieved++;
    },
    /** A request reached its verdict at `offsetMs` from the run start. */
    verdict(record: DriverRecord, offsetMs: number): void {
      const b = at(offsetMs);
      if (record.kind === 'dropped') {
        b.dropped++;
        return;
      }
      if (record.outcome.status === 'ok') b.ok++;
      else b.errors[record.outcome.errorClass] = (b.errors[record.outcome.errorClass] ?? 0) + 1;
      b.latencies.push(record.latencyMs);
      if (record.ttftMs !== undefined) b.ttfts.push(record.ttftMs);
    },
    /** Stats of second `i` (empty when nothing happened in it). */
    second,
    /** Every second seen so far. */
    all(): SecondStats[] {
      return buckets.map((_, i) => second(i));
    },
  };
}

/** The accumulator returned by `createTimeSeries`. */
export type TimeSeries = ReturnType<typeof createTimeSeries>;

/**
 * The second that just ended when a once-a-second tick fires `elapsedMs` after the start. Rounded,
 * not floored: a timer fires a little early or late, and neither may name a second twice.
 */
export function endedSecond(elapsedMs: number): number {
  return Math.max(0, Math.round(elapsedMs / 1000) - 1);
}
