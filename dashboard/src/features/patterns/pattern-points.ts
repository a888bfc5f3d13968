import type { PatternStats } from '../../lib/server-types';

/** Which latency the scatter's x axis shows. */
export type LatencyMetric = 'avg' | 'p95';

/** One pattern on the cost-vs-latency plane. */
export interface PatternPoint {
  pattern: string;
  /** Latency in ms (avg or p95). */
  x: number;
  /** USD per 1,000 requests. */
  y: number;
  requests: number;
  errorRate: number;
}

/** Patterns that have both a latency and a cost per 1K, placed on the plane. */
export function patternPoints(stats: readonly PatternStats[], metric: LatencyMetric): PatternPoint[] {
  const out: PatternPoint[] = [];
  for (const s of stats) {
    const x = metric === 'avg' ? s.avgLatencyMs : s.p95LatencyMs;
    if (x === null || s.costPer1k === null) continue;
    out.push({ pattern: s.pattern, x, y: s.costPer1k, requests: s.requests, errorRate: errorRate(s) });
  }
  return out;
}

/** Share of a pattern's sent requests that ended in an error, as the server computed it (null: none sent). */
export function errorRate(s: Pick<PatternStats, 'errorRate'>): number {
  return s.errorRate ?? 0;
}

/** Retry waste as a share of what the pattern cost. */
export function wasteShare(s: Pick<PatternStats, 'wastedUsd' | 'costUsd'>): number | null {
  return s.costUsd > 0 ? s.wastedUsd / s.costUsd : null;
}
