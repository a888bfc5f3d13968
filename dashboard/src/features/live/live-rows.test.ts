import { describe, expect, it } from 'vitest';
import type { LiveTick, SeriesPoint } from '../../lib/server-types';
import { errorClasses, mergeRows, rowFromSeries, totalsFromSeries } from './live-rows';

const point = (t: number, over: Partial<SeriesPoint> = {}): SeriesPoint => ({
  t,
  warmup: false,
  requests: 4,
  ok: 3,
  errors: 1,
  dropped: 0,
  errorsByClass: { rate_limit: 1 },
  p50: 100,
  p95: 200,
  p99: 300,
  ttftP50: 50,
  costUsd: 0.001,
  tokensOut: 400,
  retries: 2,
  ...over,
});

const tick = (t: number, over: Partial<LiveTick> = {}): LiveTick => ({
  runId: 'r1',
  t,
  warmup: false,
  targetRpm: 240,
  achievedRpm: 180,
  ok: 3,
  errorsByClass: { overloaded: 2 },
  dropped: 0,
  latencyMs: { p50: 10, p95: 20, p99: 30 },
  ttftMs: { p50: 5, p95: 8 },
  retries: 1,
  tokensPerSec: 99,
  costPerMin: 0.5,
  inFlight: 2,
  queueDepth: 0,
  breakers: {},
  totals: { scheduled: 10, ok: 8, errors: 2, dropped: 0, costUsd: 0.01 },
  measured: {
    ok: 8,
    errors: 2,
    dropped: 0,
    errorRate: 0.2,
    latencyMs: { p50: 10, p95: 20, p99: 30 },
    ttftMs: { p50: 5, p95: 8 },
    costUsd: 0.01,
    costPer1k: 1,
  },
  ...over,
});

describe('live rows', () => {
  it('turns a stored second into per-minute rates and per-class error keys', () => {
    const r = rowFromSeries(point(3, { requests: 5, dropped: 1 }));
    expect(r.targetRpm).toBe(300);
    expect(r.achievedRpm).toBe(240);
    expect(r['err:rate_limit']).toBe(1);
    expect(r.costPerMin).toBeCloseTo(0.06);
  });

  it('merges history and ticks by second, the live tick winning, in time order', () => {
    const rows = mergeRows([point(0), point(1), point(2)], [tick(2), tick(3)]);
    expect(rows.map((r) => r.t)).toEqual([0, 1, 2, 3]);
    expect(rows[2]?.achievedRpm).toBe(180);
    expect(rows[2]?.['err:overloaded']).toBe(2);
    expect(rows[2]?.['err:rate_limit']).toBeUndefined();
    expect(rows[0]?.['err:rate_limit']).toBe(1);
  });

  it('lists error classes by frequency', () => {
    const rows = mergeRows([point(0), point(1)], [tick(2)]);
    expect(errorClasses(rows)).toEqual(['overloaded', 'rate_limit']);
  });

  it('sums totals and the average achieved rate from history', () => {
    const t = totalsFromSeries([point(0), point(1, { dropped: 2 })]);
    expect(t).toMatchObject({ scheduled: 8, ok: 6, errors: 2, dropped: 2 });
    expect(t.achievedRpm).toBe(180);
    expect(t.targetRpm).toBe(240);
    expect(totalsFromSeries([]).achievedRpm).toBeNull();
  });

  it('counts outcomes and cost of the measured window only (warm-up seconds left out)', () => {
    const t = totalsFromSeries([point(0, { warmup: true, costUsd: 5 }), point(1)]);
    expect(t).toMatchObject({ scheduled: 8, ok: 3, errors: 1, costUsd: 0.001 });
  });
});
