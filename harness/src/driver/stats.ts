/**
 * Exact statistics from raw per-request values. Percentiles sort the raw values and interpolate
 * linearly between closest ranks (k6 Trend's and numpy's default), so a p99 here equals what
 * k6 or ClickHouse `quantileExact*` would say of the same rows; raw arrays are fine to millions.
 */

/** Summary of one distribution; `null` fields when it is empty. */
export interface Distribution {
  count: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

/** Percentile `p` (0–100) of ascending-sorted values, linear between closest ranks; null when empty. */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (n - 1);
  const lo = Math.floor(rank);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, n - 1)] ?? a;
  return a + (b - a) * (rank - lo);
}

/** Sort a copy of the values ascending (typed array sort is numeric and fast). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Percentile `p` (0–100) of unsorted values. */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  return percentileSorted(sortedCopy(values), p);
}

/** Count, extremes, mean and the usual percentiles of raw values. */
export function distribution(values: ArrayLike<number>): Distribution {
  const s = sortedCopy(values);
  const n = s.length;
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: n,
    min: n ? (s[0] ?? null) : null,
    max: n ? (s[n - 1] ?? null) : null,
    avg: n ? sum / n : null,
    p50: percentileSorted(s, 50),
    p90: percentileSorted(s, 90),
    p95: percentileSorted(s, 95),
    p99: percentileSorted(s, 99),
  };
}

/**
 * Timings are kept to the microsecond, the resolution the store keeps (span durations are whole
 * µs × 1000 ns), so a percentile computed from the driver's memory equals the one computed from
 * the store's rows to the last digit.
 */
export function quantizeMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
