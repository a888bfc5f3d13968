import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../scenarios/lib/plan.js';
import { percentile } from '../driver/stats';
import { bootstrapDeltaCi, rateDeltaCi, wilson, zFor } from './confidence';

const lognormal = (seed: number, n: number, shiftMs = 0) => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => {
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    return 800 * Math.exp(0.4 * z) + shiftMs;
  });
};

describe('confidence intervals', () => {
  it('z for 95 % is 1.96', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    expect(zFor(0.99)).toBeCloseTo(2.575829, 5);
  });

  it('identical samples: the delta interval holds 0', () => {
    const xs = lognormal(7, 400);
    for (const p of [50, 95, 99]) {
      const ci = bootstrapDeltaCi(xs, [...xs].reverse(), { kind: 'percentile', p }, { seed: 3 });
      expect(ci).not.toBeNull();
      expect(ci?.[0]).toBeLessThanOrEqual(0);
      expect(ci?.[1]).toBeGreaterThanOrEqual(0);
    }
    const mean = bootstrapDeltaCi(xs, xs, { kind: 'mean' }, { seed: 3 });
    expect(mean?.[0]).toBeLessThan(0);
    expect(mean?.[1]).toBeGreaterThan(0);
  });

  it('a distribution shifted by 300 ms: the interval excludes 0 and holds the shift', () => {
    const a = lognormal(7, 400);
    const b = lognormal(8, 400, 300);
    const ci = bootstrapDeltaCi(a, b, { kind: 'percentile', p: 50 }, { seed: 3 });
    expect(ci?.[0]).toBeGreaterThan(0);
    const truth = (percentile(b, 50) ?? 0) - (percentile(a, 50) ?? 0);
    expect(ci?.[0]).toBeLessThan(truth);
    expect(ci?.[1]).toBeGreaterThan(truth);
  });

  it('is deterministic for a seed and empty when a side has no samples', () => {
    const a = lognormal(1, 200);
    const b = lognormal(2, 200);
    const stat = { kind: 'percentile', p: 95 } as const;
    expect(bootstrapDeltaCi(a, b, stat, { seed: 9 })).toEqual(bootstrapDeltaCi(a, b, stat, { seed: 9 }));
    expect(bootstrapDeltaCi([], b, stat)).toBeNull();
  });

  it('a one-value sample gives that value at every percentile', () => {
    expect(bootstrapDeltaCi([5], [7], { kind: 'percentile', p: 99 })).toEqual([2, 2]);
  });

  it('Wilson matches the textbook value and rate deltas judge noise', () => {
    const w = wilson(10, 100) as [number, number];
    expect(w[0]).toBeCloseTo(0.0552, 3);
    expect(w[1]).toBeCloseTo(0.1744, 3);
    expect(wilson(0, 0)).toBeNull();
    const same = rateDeltaCi({ k: 10, n: 100 }, { k: 10, n: 100 }) as [number, number];
    expect(same[0]).toBeLessThan(0);
    expect(same[1]).toBeGreaterThan(0);
    const worse = rateDeltaCi({ k: 10, n: 1000 }, { k: 80, n: 1000 }) as [number, number];
    expect(worse[0]).toBeGreaterThan(0);
  });
});
