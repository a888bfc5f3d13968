/**
 * Confidence intervals for the difference candidate − baseline of one metric, so a comparison
 * judges noise: a percentile or mean by a seeded percentile bootstrap over the per-request samples
 * (deterministic: the same runs give the same interval), a rate by Newcombe's hybrid score interval
 * built from the two Wilson intervals.
 */
import { createRandom } from '../../../scenarios/lib/plan.js';

/** A uniform draw in [0, 1). */
type Random = () => number;

import { percentileSorted, sortedCopy } from '../driver/stats';

/** The statistic a bootstrap interval is about. */
export type SampleStat = { kind: 'percentile'; p: number } | { kind: 'mean' };

/** Options of the bootstrap. */
export interface BootstrapOptions {
  /** Resamples; by default 1,000, fewer for big runs (at least 200) so one metric stays ≲ 4M draws. */
  iterations?: number;
  /** Two-sided confidence level; 0.95 by default. */
  level?: number;
  /** PRNG seed, so the interval is reproducible. */
  seed?: number;
}

/** A statistic of sorted values. */
export function statOfSorted(sorted: ArrayLike<number>, stat: SampleStat): number | null {
  if (sorted.length === 0) return null;
  if (stat.kind === 'percentile') return percentileSorted(sorted, stat.p);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] ?? 0;
  return sum / sorted.length;
}

/**
 * The statistic of one resample (n draws with replacement) of `sorted`, without sorting: draw
 * counts per position, then walk the cumulative counts to the rank(s) needed. O(n) per resample.
 */
function resampleStat(sorted: Float64Array, stat: SampleStat, counts: Uint32Array, random: Random): number {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(random() * n);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  if (stat.kind === 'mean') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (counts[i] ?? 0) * (sorted[i] ?? 0);
    return sum / n;
  }
  const rank = (Math.min(Math.max(stat.p, 0), 100) / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, n - 1);
  // The resample's j-th smallest value is sorted[i] for the first i whose cumulative count exceeds j.
  let seen = 0;
  let a = 0;
  for (let i = 0; i < n; i++) {
    const before = seen;
    seen += counts[i] ?? 0;
    if (before <= lo && seen > lo) a = sorted[i] ?? 0;
    if (seen > hi) return a + ((sorted[i] ?? 0) - a) * (rank - lo);
  }
  return a;
}

/** Quantile (0–1) of unsorted numbers, linear between closest ranks. */
function quantile(values: number[], q: number): number {
  return percentileSorted(sortedCopy(values), q * 100) ?? 0;
}

/**
 * Percentile-bootstrap interval of stat(candidate) − stat(baseline); null when either side has no
 * samples. Each resample draws both sides anew from one seeded generator.
 */
export function bootstrapDeltaCi(
  baseline: ArrayLike<number>,
  candidate: ArrayLike<number>,
  stat: SampleStat,
  options: BootstrapOptions = {},
): [number, number] | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  const iterations =
    options.iterations ??
    Math.max(200, Math.min(1000, Math.floor(4_000_000 / (baseline.length + candidate.length))));
  const alpha = 1 - (options.level ?? 0.95);
  const random = createRandom(options.seed ?? 1);
  const a = sortedCopy(baseline);
  const b = sortedCopy(candidate);
  const ca = new Uint32Array(a.length);
  const cb = new Uint32Array(b.length);
  const deltas: number[] = [];
  for (let i = 0; i < iterations; i++)
    deltas.push(resampleStat(b, stat, cb, random) - resampleStat(a, stat, ca, random));
  return [quantile(deltas, alpha / 2), quantile(deltas, 1 - alpha / 2)];
}

/** z for a two-sided level (0.95 → 1.96), by Acklam's rational approximation of the normal quantile. */
export function zFor(level: number): number {
  const p = 1 - (1 - level) / 2;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}

/** Wilson score interval of a proportion k/n; null when n = 0. */
export function wilson(k: number, n: number, level = 0.95): [number, number] | null {
  if (n === 0) return null;
  const z = zFor(level);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Interval of p_candidate − p_baseline (Newcombe's hybrid score method from two Wilson intervals);
 * null when either side is empty.
 */
export function rateDeltaCi(
  baseline: { k: number; n: number },
  candidate: { k: number; n: number },
  level = 0.95,
): [number, number] | null {
  const w1 = wilson(baseline.k, baseline.n, level);
  const w2 = wilson(candidate.k, candidate.n, level);
  if (!w1 || !w2) return null;
  const p1 = baseline.k / baseline.n;
  const p2 = candidate.k / candidate.n;
  const d = p2 - p1;
  return [
    d - Math.sqrt((p2 - w2[0]) ** 2 + (w1[1] - p1) ** 2),
    d + Math.sqrt((w2[1] - p2) ** 2 + (p1 - w1[0]) ** 2),
  ];
}
