import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchedule, constantSchedule, type Stage } from './schedule';

const stageArb = fc.record({
  durationMs: fc.integer({ min: 0, max: 60_000 }),
  targetRpm: fc.integer({ min: 0, max: 3_000 }),
});
const specArb = fc.record({
  startRpm: fc.integer({ min: 0, max: 3_000 }),
  stages: fc.array(stageArb, { minLength: 1, maxLength: 5 }),
});

function isSorted(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if ((a[i] ?? 0) < (a[i - 1] ?? 0)) return false;
  return true;
}

describe('buildSchedule (deterministic)', () => {
  it('spaces a constant rate evenly from t = 0', () => {
    const s = constantSchedule(60, 20_000);
    expect(s.offsetsMs.length).toBe(20);
    expect(Array.from(s.offsetsMs.slice(0, 3))).toEqual([0, 1000, 2000]);
    expect(s.rateAt(5_000)).toBe(60);
  });

  it('ramps linearly: 0 → 600 rpm over 60 s gives 300 requests, denser at the end', () => {
    const s = buildSchedule({ startRpm: 0, stages: [{ durationMs: 60_000, targetRpm: 600 }] });
    expect(s.offsetsMs.length).toBe(300);
    expect(s.rateAt(30_000)).toBeCloseTo(300);
    const firstHalf = s.offsetsMs.filter((t) => t < 30_000).length;
    expect(firstHalf).toBe(75);
    expect(s.expectedBetween(0, 30_000)).toBeCloseTo(75);
  });

  it('count equals the area under the rate curve (±1) and offsets are sorted within the duration', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const s = buildSchedule(spec);
        expect(Math.abs(s.offsetsMs.length - s.expected)).toBeLessThanOrEqual(1);
        expect(isSorted(s.offsetsMs)).toBe(true);
        expect(s.offsetsMs.every((t) => t >= 0 && t < s.durationMs)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('buildSchedule (Poisson)', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const stages: Stage[] = [{ durationMs: 60_000, targetRpm: 1_000 }];
    const a = buildSchedule({ startRpm: 100, stages, poisson: true, seed: 7 });
    const b = buildSchedule({ startRpm: 100, stages, poisson: true, seed: 7 });
    const c = buildSchedule({ startRpm: 100, stages, poisson: true, seed: 8 });
    expect(Array.from(a.offsetsMs)).toEqual(Array.from(b.offsetsMs));
    expect(Array.from(a.offsetsMs)).not.toEqual(Array.from(c.offsetsMs));
  });

  it('count stays within 4σ of the area, sorted, for any ramp and seed', () => {
    fc.assert(
      fc.property(specArb, fc.integer(), (spec, seed) => {
        const s = buildSchedule({ ...spec, poisson: true, seed });
        expect(Math.abs(s.offsetsMs.length - s.expected)).toBeLessThanOrEqual(4 * Math.sqrt(s.expected) + 1);
        expect(isSorted(s.offsetsMs)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('follows a ramp: the second half of 0 → 6000 rpm holds about 3/4 of the arrivals', () => {
    const s = buildSchedule({ stages: [{ durationMs: 60_000, targetRpm: 6_000 }], poisson: true, seed: 3 });
    const late = s.offsetsMs.filter((t) => t >= 30_000).length;
    expect(late / s.offsetsMs.length).toBeGreaterThan(0.72);
    expect(late / s.offsetsMs.length).toBeLessThan(0.78);
  });
});
