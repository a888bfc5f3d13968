import { aggregateByPattern } from '../metrics/aggregate';
import { storedSamples } from '../metrics/store-samples';
import type { Store } from '../store/client';

/** One pattern of a run: the seed's production-stats columns plus tail latency and waste. */
export interface PatternStats {
  pattern: string;
  /** ok + errors + dropped, measured window. */
  requests: number;
  ok: number;
  errors: number;
  dropped: number;
  /** errors / (ok + errors); null when nothing was sent. */
  errorRate: number | null;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  ttftP50Ms: number | null;
  costUsd: number;
  /** Per 1,000 sent requests (ok + errors). */
  costPer1k: number | null;
  wastedUsd: number;
  retries: number;
}

/**
 * Cost vs latency per pattern for a run's measured window (or for everything invoked outside a
 * run when `runId` is empty), computed by the one metrics module (`metrics/aggregate`) so every
 * figure equals the report's.
 */
export async function patternStats(store: Store, runId: string): Promise<PatternStats[]> {
  const by = aggregateByPattern(await storedSamples(store, runId));
  return Object.entries(by).map(([pattern, m]) => ({
    pattern,
    requests: m.requests,
    ok: m.ok,
    errors: m.errors,
    dropped: m.dropped,
    errorRate: m.errorRate,
    avgLatencyMs: m.latency.avg,
    p95LatencyMs: m.latency.p95,
    ttftP50Ms: m.ttft.p50,
    costUsd: m.costUsd,
    costPer1k: m.costPer1k,
    wastedUsd: m.wastedUsd,
    retries: m.retries,
  }));
}
