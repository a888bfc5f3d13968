import { describe, expect, it } from 'vitest';
import type { Distribution } from '../../driver/stats';
import { K6_POPULATION, k6Figures, k6Markdown } from './k6-section';

/** A k6 run's stored report, shaped as k6 v0.49's handleSummary data writes its metrics. */
const stored = {
  exitCode: 0,
  thresholdsPassed: true,
  metrics: {
    iterations: { type: 'counter', values: { count: 12, rate: 2 } },
    http_reqs: { type: 'counter', values: { count: 12, rate: 2 } },
    dropped_iterations: { type: 'counter', values: { count: 1, rate: 0.1 } },
    vus_max: { type: 'gauge', values: { value: 50, min: 50, max: 50 } },
    checks: { type: 'rate', values: { rate: 0.75, passes: 9, fails: 3 } },
    http_req_duration: {
      type: 'trend',
      values: { avg: 20, min: 5, med: 18, max: 90, 'p(90)': 40, 'p(95)': 60, 'p(99)': 85 },
    },
  },
};

const latency: Distribution = { count: 10, avg: 25, min: 6, p50: 21, p90: 44, p95: 66, p99: 95, max: 99 };
const totals = { scheduled: 13, ok: 10, errors: 2, dropped: 1, inFlightAtStop: 0, notStarted: 0 };

describe("k6's own figures in the report", () => {
  it('reads the key metrics of k6 summary, labelled as k6s', () => {
    expect(k6Figures(stored)).toEqual({
      source: 'k6',
      population: K6_POPULATION,
      exitCode: 0,
      thresholdsPassed: true,
      iterations: 12,
      httpReqs: 12,
      droppedIterations: 1,
      vusMax: 50,
      checks: { rate: 0.75, passes: 9, fails: 3 },
      httpReqDuration: { avg: 20, p50: 18, p90: 40, p95: 60, p99: 85, max: 90 },
    });
  });

  it('counts a metric k6 left out (nothing dropped, no check) as 0 drops and no checks', () => {
    const { dropped_iterations: _d, checks: _c, ...rest } = stored.metrics;
    const k = k6Figures({ ...stored, metrics: rest });
    expect(k?.droppedIterations).toBe(0);
    expect(k?.checks).toBeNull();
  });

  it('is absent for a run without a k6 summary (the built-in engine)', () => {
    expect(k6Figures(undefined)).toBeNull();
    expect(k6Markdown(null, { totals, latency })).toEqual([]);
  });

  it("sets k6's figures beside the harness's, each column naming its population", () => {
    const md = k6Markdown(k6Figures(stored), { totals, latency }).join('\n\n');
    expect(md).toMatch(/^## k6's own figures/);
    expect(md).toContain(`Population: ${K6_POPULATION}`);
    expect(md).toContain("| figure | k6 (k6's population) | harness (the harness's population) |");
    expect(md).toContain('| iterations started | 12 | 12 |');
    expect(md).toContain('| dropped iterations | 1 | 1 |');
    expect(md).toContain('| latency p50 | 18 ms | 21 ms |');
    expect(md).toContain('| latency p99 | 85 ms | 95 ms |');
    expect(md).toContain('| checks | 75.0 % (9 ✓ 3 ✗) | — |');
    expect(md).toContain('| VUs max | 50 | — |');
  });
});
