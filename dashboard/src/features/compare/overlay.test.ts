import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../lib/server-types';
import { overlaySeries } from './overlay';

const p = (t: number, p95: number | null, requests = 2, dropped = 0, warmup = false): SeriesPoint => ({
  t,
  warmup,
  requests,
  ok: requests - dropped,
  errors: 0,
  dropped,
  errorsByClass: {},
  p50: p95,
  p95,
  p99: p95,
  ttftP50: null,
  ttftP95: null,
  byPattern: {},
  costUsd: 0,
  tokensOut: 0,
  retries: 0,
  targetRpm: null,
  inFlight: null,
  queueDepth: null,
});

describe('overlaySeries', () => {
  it('aligns runs on seconds since start, nulls where one run has no second', () => {
    const rows = overlaySeries([
      [p(0, 100), p(1, 120, 3, 1)],
      [p(1, 90), p(2, 95, 4)],
    ]);
    expect(rows).toEqual([
      { t: 0, p95_0: 100, p95_1: null, rate_0: 120, rate_1: null },
      { t: 1, p95_0: 120, p95_1: 90, rate_0: 120, rate_1: 120 },
      { t: 2, p95_0: null, p95_1: 95, rate_0: null, rate_1: 240 },
    ]);
  });

  it('leaves warm-up seconds and the drain after the schedule out, and takes any number of runs', () => {
    const rows = overlaySeries([[p(0, 5, 2, 0, true), p(1, 100)], [p(1, 90), p(2, null, 0)], [p(1, 80)]]);
    expect(rows).toEqual([{ t: 1, p95_0: 100, p95_1: 90, p95_2: 80, rate_0: 120, rate_1: 120, rate_2: 120 }]);
  });

  it('is empty for empty runs', () => {
    expect(overlaySeries([[], []])).toEqual([]);
  });
});
