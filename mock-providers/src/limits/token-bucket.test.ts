import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBucket, giveBack, remaining, tryTake, untilFull, waitFor } from './token-bucket';

/** A request: time step since the previous one (ms), cost, and the unused part given back. */
const op = fc.record({
  dt: fc.integer({ min: 0, max: 20_000 }),
  cost: fc.integer({ min: 1, max: 60 }),
  unused: fc.integer({ min: 0, max: 60 }),
});

describe('token bucket', () => {
  it('never admits more than capacity + refill over any window, and remaining is never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.array(op, { maxLength: 200 }), (capacity, ops) => {
        const b = createBucket(capacity, 0);
        let t = 0;
        const admitted: Array<{ t: number; net: number }> = [];
        for (const o of ops) {
          t += o.dt;
          if (tryTake(b, o.cost, t)) {
            const back = Math.min(o.unused, o.cost);
            giveBack(b, back, t);
            admitted.push({ t, net: o.cost - back });
          }
          expect(remaining(b, t)).toBeGreaterThanOrEqual(0);
          expect(remaining(b, t)).toBeLessThanOrEqual(capacity);
        }
        // any window [ti, tj] admits at most a full bucket plus what refilled during it
        for (let i = 0; i < admitted.length; i++) {
          let sum = 0;
          for (let j = i; j < admitted.length; j++) {
            sum += (admitted[j] as { net: number }).net;
            const span = (admitted[j] as { t: number }).t - (admitted[i] as { t: number }).t;
            expect(sum).toBeLessThanOrEqual(capacity + (capacity * span) / 60_000 + 1e-6);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refills continuously at limit/60 per second and reports the wait for a given cost', () => {
    const b = createBucket(60, 0); // 1 token per second
    expect(tryTake(b, 60, 0)).toBe(true);
    expect(tryTake(b, 1, 0)).toBe(false);
    expect(waitFor(b, 3, 0)).toBeCloseTo(3000);
    expect(untilFull(b, 0)).toBeCloseTo(60_000);
    expect(remaining(b, 2500)).toBe(2);
    expect(waitFor(b, 61, 2500)).toBe(Number.POSITIVE_INFINITY);
  });
});
