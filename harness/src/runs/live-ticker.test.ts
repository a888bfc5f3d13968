import { describe, expect, it } from 'vitest';
import type { TickSnapshot } from '../driver/executor';
import type { SecondStats } from '../driver/time-series';
import type { DriverRecord } from '../driver/types';
import { createLiveTicker } from './live-ticker';

const done = (index: number, latencyMs: number, warmup = false, ttftMs?: number): DriverRecord => ({
  kind: 'completed',
  index,
  scheduledAt: 0,
  scheduledOffsetMs: 0,
  sentAt: 0,
  latenessMs: 0,
  latencyMs,
  outcome: { status: 'ok' },
  warmup,
  ...(ttftMs === undefined ? {} : { ttftMs }),
});

const second = (i: number, requested: number, warmup = false): SecondStats => ({
  second: i,
  warmup,
  requested,
  achieved: requested,
  ok: 0,
  errors: {},
  dropped: 0,
  latency: { p50: null, p95: null, p99: null },
  ttft: { p50: null, p95: null, p99: null },
});

const snap = (elapsedMs: number, last: SecondStats): TickSnapshot => ({
  elapsedMs,
  inFlight: 3,
  totals: { scheduled: 10, ok: 0, errors: 0, dropped: 0, inFlightAtStop: 0, notStarted: 0 },
  last,
});

describe('live ticker', () => {
  // Even indexes are direct calls, odd ones streaming.
  const patternOf = (i: number) => (i % 2 ? 'streaming' : 'direct');
  const gauges = () => ({ queueDepth: 2, breakers: {} });

  it('gives each second its planned rate and per-pattern timings of the requests that ended in it', () => {
    const ticker = createLiveTicker('r', gauges, patternOf);
    ticker.record(done(0, 10, true));
    ticker.record(done(2, 30, true));
    ticker.record(done(1, 200, true, 80));
    const first = ticker.tick(snap(1003, second(0, 2, true)));
    expect(first).toMatchObject({ t: 0, warmup: true, targetRpm: 120, inFlight: 3, queueDepth: 2 });
    expect(first.byPattern).toEqual({
      direct: { n: 2, latencyMs: { p50: 20, p95: 29, p99: 29.8 }, ttftMs: { p50: null, p95: null } },
      streaming: { n: 1, latencyMs: { p50: 200, p95: 200, p99: 200 }, ttftMs: { p50: 80, p95: 80 } },
    });
    // Warm-up requests are plotted (marked) but not part of the results.
    expect(first.measured.ok).toBe(0);

    ticker.record(done(4, 50));
    const next = ticker.tick(snap(2001, second(1, 5)));
    expect(next).toMatchObject({ t: 1, warmup: false, targetRpm: 300 });
    expect(Object.keys(next.byPattern)).toEqual(['direct']);
    expect(next.measured.ok).toBe(1);
  });
});
