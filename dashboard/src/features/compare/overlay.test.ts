import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../lib/server-types';
import { overlaySeries } from './overlay';

const p = (t: number, p95: number | null, requests = 2, dropped = 0): SeriesPoint => ({
  t,
  requests,
  ok: requests - dropped,
  errors: 0,
  dropped,
  errorsByClass: {},
  p50: p95,
  p95,
  p99: p95,
  ttftP50: null,
  costUsd: 0,
  tokensOut: 0,
  retries: 0,
});

describe('overlaySeries', () => {
  it('aligns both runs on seconds since start, nulls where one run has no second', () => {
    const rows = overlaySeries([p(0, 100), p(1, 120, 3, 1)], [p(1, 90), p(2, 95, 4)]);
    expect(rows).toEqual([
      { t: 0, aP95: 100, bP95: null, aRate: 120, bRate: null },
      { t: 1, aP95: 120, bP95: 90, aRate: 120, bRate: 120 },
      { t: 2, aP95: null, bP95: 95, aRate: null, bRate: 240 },
    ]);
  });

  it('is empty for two empty runs', () => {
    expect(overlaySeries([], [])).toEqual([]);
  });
});
