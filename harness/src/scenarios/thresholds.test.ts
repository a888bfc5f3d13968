import { describe, expect, it } from 'vitest';
import {
  evaluateThresholds,
  type MetricSample,
  parseMetricKey,
  parseThreshold,
  thresholdVerdict,
} from './thresholds';

describe('parseThreshold', () => {
  it('parses every k6 aggregation and operator', () => {
    expect(parseThreshold('p(95)<2000')).toMatchObject({ agg: { kind: 'p', p: 95 }, op: '<', value: 2000 });
    expect(parseThreshold('p(99.9) <= 1e4')).toMatchObject({
      agg: { kind: 'p', p: 99.9 },
      op: '<=',
      value: 10_000,
    });
    expect(parseThreshold('rate<0.05').agg.kind).toBe('rate');
    expect(parseThreshold('count==0').op).toBe('==');
    for (const a of ['avg', 'min', 'max', 'med']) expect(parseThreshold(`${a}>1`).agg.kind).toBe(a);
  });

  it('rejects bad syntax and aggregations that do not suit the metric type', () => {
    expect(() => parseThreshold('p95<2000')).toThrow(/invalid threshold "p95<2000".*p\(95\)<2000/);
    expect(() => parseThreshold('p(101)<1')).toThrow(/0 ≤ N ≤ 100/);
    expect(() => parseThreshold('p(95)<1', 'harness_errors')).toThrow(/harness_errors \(rate\): use rate/);
    expect(() => parseThreshold('rate<1', 'harness_latency_ms')).toThrow(/use avg, min, max, med, p\(N\)/);
  });

  it('parses metric keys with tag filters and rejects unknown metrics', () => {
    expect(parseMetricKey('harness_latency_ms{pattern:streaming}')).toEqual({
      name: 'harness_latency_ms',
      tags: { pattern: 'streaming' },
    });
    expect(() => parseMetricKey('http_req_duration')).toThrow(/unknown threshold metric.*harness_latency_ms/);
  });
});

describe('evaluateThresholds', () => {
  const samples: Record<string, MetricSample> = {
    harness_latency_ms: { type: 'trend', values: Array.from({ length: 100 }, (_, i) => i + 1) },
    harness_ttft_ms: { type: 'trend', values: [] },
    harness_errors: { type: 'rate', passes: 3, total: 100 },
    harness_cost_usd: { type: 'counter', sum: 1.5, durationS: 60, samples: 100 },
    dropped_iterations: { type: 'counter', sum: 2, durationS: 60, samples: 102 },
  };
  const lookup = (k: { name: string }) => samples[k.name]!;

  it('passes and fails like k6 on the same numbers', () => {
    const r = evaluateThresholds(
      {
        harness_latency_ms: ['p(95)<96', 'p(95)<95', 'med==50.5', 'max<=100'],
        harness_errors: ['rate<0.05'],
        dropped_iterations: ['count==0'],
        harness_cost_usd: ['rate<0.05'],
      },
      lookup,
    );
    expect(r.map((x) => x.pass)).toEqual([true, false, true, true, true, false, true]);
    expect(r[0]?.observed).toBeCloseTo(95.05);
  });

  it('never passes a threshold whose metric has no data: observed null, verdict "no data"', () => {
    const [r] = evaluateThresholds({ harness_ttft_ms: ['p(95)<1'] }, lookup);
    expect(r).toEqual({ metric: 'harness_ttft_ms', expression: 'p(95)<1', observed: null, pass: false });
    expect(thresholdVerdict(r!)).toBe('no data');
    const none = (): MetricSample => ({ type: 'counter', sum: 0, durationS: 60, samples: 0 });
    const [count] = evaluateThresholds({ dropped_iterations: ['count==0'] }, none);
    expect(count).toMatchObject({ observed: null, pass: false });
  });
});
