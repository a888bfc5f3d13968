import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distribution, percentile } from './stats';
import { createTimeSeries } from './time-series';

describe('percentile', () => {
  it('interpolates between closest ranks like k6 and numpy', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5.5);
    expect(percentile(v, 90)).toBeCloseTo(9.1);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(percentile([], 99)).toBeNull();
  });

  it('lies between the neighbouring order statistics for any input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (xs, p) => {
          const s = [...xs].sort((a, b) => a - b);
          const r = (p / 100) * (s.length - 1);
          const got = percentile(xs, p) ?? Number.NaN;
          return got >= (s[Math.floor(r)] ?? 0) - 1e-9 && got <= (s[Math.ceil(r)] ?? 0) + 1e-9;
        },
      ),
    );
  });

  it('summarizes a distribution', () => {
    expect(distribution([3, 1, 2])).toMatchObject({ count: 3, min: 1, max: 3, avg: 2, p50: 2 });
    expect(distribution([])).toMatchObject({ count: 0, min: null, p99: null });
  });
});

describe('createTimeSeries', () => {
  it('buckets sends, verdicts and latencies by second with the requested rate', () => {
    const ts = createTimeSeries({ expectedBetween: (a, b) => (b - a) / 100, warmupMs: 1000 });
    ts.sent(10);
    ts.sent(1500);
    const base = {
      index: 0,
      scheduledAt: 0,
      scheduledOffsetMs: 0,
      sentAt: 0,
      latenessMs: 0,
      warmup: false,
    } as const;
    ts.verdict({ ...base, kind: 'completed', latencyMs: 40, outcome: { status: 'ok' } }, 1600);
    ts.verdict(
      { ...base, kind: 'completed', latencyMs: 90, outcome: { status: 'error', errorClass: 'rate_limit' } },
      1700,
    );
    ts.verdict(
      { kind: 'dropped', index: 1, scheduledAt: 0, scheduledOffsetMs: 0, droppedAt: 0, warmup: false },
      1800,
    );
    const [s0, s1] = ts.all();
    expect(s0).toMatchObject({ second: 0, warmup: true, requested: 10, achieved: 1, ok: 0 });
    expect(s1).toMatchObject({
      second: 1,
      warmup: false,
      achieved: 1,
      ok: 1,
      errors: { rate_limit: 1 },
      dropped: 1,
    });
    expect(s1?.latency.p50).toBe(65);
  });
});
