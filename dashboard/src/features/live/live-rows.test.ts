import { describe, expect, it } from 'vitest';
import type { LiveTick, SeriesPoint } from '../../lib/server-types';
import { errorClasses, latKey, mergeRows, patternsIn, rowFromSeries, ttftKey, warmupSpan } from './live-rows';
import { totalsFromSeries } from './run-totals';

const timings = (p95: number, ttftP50: number | null) => ({
  n: 2,
  latencyMs: { p50: p95 / 2, p95, p99: p95 },
  ttftMs: { p50: ttftP50, p95: ttftP50 },
});

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
  ttftP95: 70,
  byPattern: { direct: timings(150, null), streaming: timings(250, 50) },
  costUsd: 0.001,
  tokensOut: 400,
  retries: 2,
  targetRpm: 240,
  inFlight: 3,
  queueDepth: 1,
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
  byPattern: { batch: timings(8000, null) },
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
  it('turns a stored second into its planned rate, per-minute achieved rate and per-class error keys', () => {
    const r = rowFromSeries(point(3, { requests: 5, dropped: 1, targetRpm: 300 }));
    expect(r.targetRpm).toBe(300);
    expect(r.achievedRpm).toBe(240);
    expect([r.inFlight, r.queueDepth]).toEqual([3, 1]);
    expect(rowFromSeries(point(3, { targetRpm: null })).targetRpm).toBeNull();
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

  it('keys latency p95 and TTFT p50 per pattern, from ticks and history alike', () => {
    const rows = mergeRows([point(0, { warmup: true }), point(1)], [tick(2)]);
    expect(patternsIn(rows)).toEqual(['batch', 'direct', 'streaming']);
    expect(rows[1]?.[latKey('streaming')]).toBe(250);
    expect(rows[1]?.[ttftKey('streaming')]).toBe(50);
    expect(rows[1]?.[ttftKey('direct')]).toBeNull();
    expect(rows[2]?.[latKey('batch')]).toBe(8000);
    expect(rows[2]?.[latKey('direct')]).toBeUndefined();
    expect(warmupSpan(rows)).toEqual({ from: 0, until: 1 });
    expect(warmupSpan(rows.slice(1))).toBeNull();
  });

  it('lists error classes by frequency', () => {
    const rows = mergeRows([point(0), point(1)], [tick(2)]);
    expect(errorClasses(rows)).toEqual(['overloaded', 'rate_limit']);
  });

  it('sums totals and the average achieved rate from history; target and gauges at their peak', () => {
    const t = totalsFromSeries([
      point(0, { targetRpm: 120, inFlight: 9 }),
      point(1, { dropped: 2, queueDepth: 4 }),
      // the drain after the schedule: gauges only, no request scheduled
      { ...point(2, { requests: 0, ok: 0, errors: 0, targetRpm: 0 }) },
    ]);
    expect(t).toMatchObject({ scheduled: 8, ok: 6, errors: 2, dropped: 2 });
    expect(t.achievedRpm).toBe(180);
    expect([t.targetRpm, t.inFlight, t.queueDepth]).toEqual([240, 9, 4]);
    expect(totalsFromSeries([]).achievedRpm).toBeNull();
    expect(totalsFromSeries([point(0, { targetRpm: null, inFlight: null })]).targetRpm).toBeNull();
  });

  it('counts outcomes and cost of the measured window only (warm-up seconds left out)', () => {
    const t = totalsFromSeries([point(0, { warmup: true, costUsd: 5 }), point(1)]);
    expect(t).toMatchObject({ scheduled: 8, ok: 3, errors: 1, costUsd: 0.001 });
    // averages over the measured seconds: 400 tokens and $0.001 in one second
    expect(t.tokensPerSec).toBe(400);
    expect(t.costPerMin).toBeCloseTo(0.06);
  });
});
