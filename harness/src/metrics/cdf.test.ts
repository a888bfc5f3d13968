import { describe, expect, it } from 'vitest';
import { percentile } from '../driver/stats';
import { cdf } from './cdf';

describe('cdf', () => {
  it('samples the distribution with the percentile estimator, from min to max', () => {
    const values = [30, 10, 20, 400, 900];
    const points = cdf(values, [0, 0.5, 0.95, 1]);
    expect(points).toEqual([
      [10, 0],
      [30, 0.5],
      [percentile(values, 95), 0.95],
      [900, 1],
    ]);
    expect(points[2]?.[0]).toBeCloseTo(800, 9);
    expect(cdf([])).toEqual([]);
  });
});
