import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../scenarios/lib/plan.js';
import { aggregate } from './aggregate';
import { compareSamples } from './compare-samples';
import type { RequestSample } from './request-sample';

function samples(
  seed: number,
  n: number,
  opts: { shiftMs?: number; errorEvery?: number } = {},
): RequestSample[] {
  const r = createRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const error = opts.errorEvery !== undefined && i % opts.errorEvery === 0;
    const latency = 500 + 1000 * r() + (opts.shiftMs ?? 0);
    return {
      pattern: i % 2 ? 'direct' : 'streaming',
      outcome: error ? 'error' : 'ok',
      errorClass: error ? 'server_error' : '',
      latencyMs: latency,
      ttftMs: i % 2 ? latency : latency / 4,
      costUsd: 0.001 + 0.0001 * r(),
      wastedUsd: 0,
      retries: 0,
    };
  });
}

describe('compareSamples', () => {
  it('identical samples: every metric "no significant change", sample counts shown', () => {
    const a = samples(1, 300, { errorEvery: 10 });
    const rows = compareSamples(a, [...a], 'b');
    expect(rows.length).toBe(8 + 2 * 4);
    for (const m of rows) {
      expect(m.verdict, `${m.name} ${m.pattern ?? ''}`).toBe('no significant change');
      expect(m.significant).toBe(false);
      expect(m.delta).toBe(0);
    }
    const p95 = rows.find((m) => m.name === 'latency p95' && m.pattern === undefined);
    expect(p95?.samples).toEqual({ baseline: 300, candidate: 300 });
    expect(p95?.baseline).toBe(aggregate(a).latency.p95);
  });

  it('a latency shift and an error-rate rise are significant and "worse"', () => {
    const a = samples(1, 400, { errorEvery: 50 });
    const b = samples(2, 400, { shiftMs: 400, errorEvery: 5 });
    const rows = compareSamples(a, b, 'b');
    const p50 = rows.find((m) => m.name === 'latency p50' && m.pattern === undefined);
    expect(p50?.significant).toBe(true);
    expect(p50?.verdict).toBe('worse');
    expect(p50?.ci?.[0]).toBeGreaterThan(0);
    const err = rows.find((m) => m.name === 'error rate' && m.pattern === undefined);
    expect(err?.verdict).toBe('worse');
    const better = compareSamples(b, a, 'a').find((m) => m.name === 'latency p50');
    expect(better?.verdict).toBe('better');
  });

  it('is deterministic', () => {
    const a = samples(3, 200);
    const b = samples(4, 200);
    expect(compareSamples(a, b, 'b')).toEqual(compareSamples(a, b, 'b'));
  });

  it('says "no data" when a side is empty', () => {
    const rows = compareSamples([], samples(1, 10), 'b');
    expect(rows.every((m) => m.verdict === 'no data')).toBe(true);
  });
});
