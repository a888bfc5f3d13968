import { percentileSorted, sortedCopy } from '../driver/stats';

/** A cumulative distribution: `[value, share of requests ≤ value]`, value ascending. */
export type Cdf = [number, number][];

/** Shares at which a CDF is sampled: every 2.5 %, min and max included. */
export const CDF_LEVELS: readonly number[] = Array.from({ length: 41 }, (_, i) => i / 40);

/**
 * The distribution of raw values as `[percentile, share]` points at `levels`, by the same
 * estimator as every percentile (linear between closest ranks); empty for no values.
 */
export function cdf(values: readonly number[], levels: readonly number[] = CDF_LEVELS): Cdf {
  if (values.length === 0) return [];
  const sorted = sortedCopy(values);
  return levels.map((l) => [percentileSorted(sorted, l * 100) ?? 0, l]);
}
