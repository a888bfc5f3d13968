import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../lib/server-types';
import { axisTicks, layoutWaterfall } from './waterfall-layout';

const T0 = 1795982941724412000n;
const span = (
  spanId: string,
  parentSpanId: string,
  startMs: number,
  durMs: number,
  over: Partial<TraceSpan> = {},
): TraceSpan => ({
  spanId,
  parentSpanId,
  name: spanId,
  kind: 'Client',
  service: 'harness',
  startNs: String(T0 + BigInt(Math.round(startMs * 1e6))),
  durationNs: String(BigInt(Math.round(durMs * 1e6))),
  status: 'Unset',
  statusMessage: '',
  attributes: {},
  events: [],
  ...over,
});

describe('layoutWaterfall', () => {
  const spans = [
    span('mock2', 'att2', 6275, 135, { service: 'mock-providers' }),
    span('root', '', 0, 6414, { service: 'harness-driver' }),
    span('invoke', 'root', 1.6, 6411),
    span('call', 'invoke', 1.6, 6411, { attributes: { 'harness.fallback.model': 'claude-3-5-haiku' } }),
    span('att1', 'call', 1.6, 6006, {
      status: 'Error',
      attributes: { 'harness.attempt': '1', 'error.type': 'timeout', 'gen_ai.request.model': 'gpt-4o-mini' },
    }),
    span('mock1', 'att1', 2.6, 6001, {
      service: 'mock-providers',
      status: 'Error',
      attributes: { 'mock.fault.kind': 'timeout', 'error.type': 'timeout' },
    }),
    span('att2', 'call', 6274, 138, {
      attributes: {
        'harness.attempt': '2',
        'http.request.resend_count': '1',
        'gen_ai.request.model': 'claude-3-5-haiku',
      },
    }),
  ];

  it('orders depth-first from the root, children by start time, with depths', () => {
    const w = layoutWaterfall(spans);
    expect(w.rows.map((r) => [r.span.spanId, r.depth])).toEqual([
      ['root', 0],
      ['invoke', 1],
      ['call', 2],
      ['att1', 3],
      ['mock1', 4],
      ['att2', 3],
      ['mock2', 4],
    ]);
  });

  it('positions bars relative to the trace start as a share of its duration', () => {
    const w = layoutWaterfall(spans);
    expect(w.totalMs).toBeCloseTo(6414, 3);
    const att2 = w.rows.find((r) => r.span.spanId === 'att2');
    expect(att2?.offsetPct).toBeCloseTo((6274 / 6414) * 100, 1);
    expect(att2?.widthPct).toBeCloseTo((138 / 6414) * 100, 1);
    expect(att2?.startMs).toBeCloseTo(6274, 3);
    expect(w.rows[0]?.offsetPct).toBe(0);
    expect(w.rows[0]?.widthPct).toBe(100);
  });

  it('marks retries, fallbacks, errors and the mock ground truth', () => {
    const marks = Object.fromEntries(layoutWaterfall(spans).rows.map((r) => [r.span.spanId, r.marks]));
    expect(marks.att1).toEqual(['attempt', 'error']);
    expect(marks.att2).toEqual(['attempt', 'retry', 'fallback']);
    expect(marks.mock1).toEqual(['ground-truth', 'error']);
    expect(marks.mock2).toEqual(['ground-truth']);
    expect(layoutWaterfall(spans).rows.find((r) => r.span.spanId === 'att2')?.resendCount).toBe(1);
  });

  it('keeps orphans (parent not in the trace) and survives a parent cycle', () => {
    const w = layoutWaterfall([span('a', 'missing', 5, 5), span('b', 'c', 0, 1), span('c', 'b', 0, 1)]);
    expect(w.rows.map((r) => r.span.spanId).sort()).toEqual(['a', 'b', 'c']);
    expect(w.rows.find((r) => r.span.spanId === 'a')?.depth).toBe(0);
  });

  it('is empty for no spans and keeps nanosecond precision on huge timestamps', () => {
    expect(layoutWaterfall([])).toEqual({ rows: [], totalMs: 0 });
    const w = layoutWaterfall([
      span('r', '', 0, 0.000_002),
      { ...span('x', 'r', 0, 0), startNs: String(T0 + 1n), durationNs: '1' },
    ]);
    expect(w.rows[1]?.offsetPct).toBe(50);
  });

  it('spaces axis ticks evenly', () => {
    expect(axisTicks(1000, 4)).toEqual([0, 250, 500, 750, 1000]);
    expect(axisTicks(0)).toEqual([0]);
  });
});
