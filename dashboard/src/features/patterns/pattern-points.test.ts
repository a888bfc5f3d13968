import { describe, expect, it } from 'vitest';
import type { PatternStats } from '../../lib/server-types';
import { errorRate, patternPoints, wasteShare } from './pattern-points';

const stat = (pattern: string, over: Partial<PatternStats> = {}): PatternStats => ({
  pattern,
  requests: 100,
  ok: 95,
  errors: 5,
  dropped: 0,
  errorRate: 0.05,
  avgLatencyMs: 800,
  p95LatencyMs: 2000,
  ttftP50Ms: 300,
  costUsd: 0.5,
  costPer1k: 5,
  wastedUsd: 0.05,
  retries: 4,
  ...over,
});

describe('pattern points', () => {
  it('places patterns by the chosen latency and cost per 1K', () => {
    const stats = [
      stat('direct'),
      stat('batch', { avgLatencyMs: 9000, p95LatencyMs: 12000, costPer1k: 2.5 }),
    ];
    expect(patternPoints(stats, 'avg')).toEqual([
      { pattern: 'direct', x: 800, y: 5, requests: 100, errorRate: 0.05 },
      { pattern: 'batch', x: 9000, y: 2.5, requests: 100, errorRate: 0.05 },
    ]);
    expect(patternPoints(stats, 'p95').map((p) => p.x)).toEqual([2000, 12000]);
  });

  it('leaves out patterns without a latency or a cost', () => {
    expect(
      patternPoints([stat('rag', { p95LatencyMs: null }), stat('agent', { costPer1k: null })], 'p95'),
    ).toEqual([]);
  });

  it('computes error rate and waste share without dividing by zero', () => {
    expect(errorRate({ errorRate: null })).toBe(0);
    expect(wasteShare({ wastedUsd: 0.1, costUsd: 0.4 })).toBe(0.25);
    expect(wasteShare({ wastedUsd: 0, costUsd: 0 })).toBeNull();
  });
});
