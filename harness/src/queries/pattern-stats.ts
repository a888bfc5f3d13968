import type { Store } from '../store/client';

/** One pattern of a run: the seed's production-stats columns plus tail latency and waste. */
export interface PatternStats {
  pattern: string;
  requests: number;
  errors: number;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  ttftP50Ms: number | null;
  costUsd: number;
  costPer1k: number | null;
  wastedUsd: number;
  retries: number;
}

/**
 * Cost vs latency per pattern for a run (or for everything invoked when `runId` is empty), from
 * `harness_requests`; waste and retries come from the invoke rows that carry them.
 */
export async function patternStats(store: Store, runId: string): Promise<PatternStats[]> {
  const r = await store.client.query({
    query: `
      SELECT pattern,
             countIf(source = 'driver' OR run_id = '') AS requests,
             countIf((source = 'driver' OR run_id = '') AND outcome = 'error') AS errors,
             avgIf(latency_ms, (source = 'driver' OR run_id = '') AND outcome != 'dropped') AS avgLatencyMs,
             quantileExactIf(0.95)(latency_ms, (source = 'driver' OR run_id = '') AND outcome != 'dropped') AS p95LatencyMs,
             quantileExactIf(0.5)(ttft_ms, (source = 'driver' OR run_id = '') AND ttft_ms IS NOT NULL) AS ttftP50Ms,
             sumIf(cost_usd, source = 'invoke') AS costUsd,
             sumIf(wasted_usd, source = 'invoke') AS wastedUsd,
             sumIf(retries, source = 'invoke') AS retries
      FROM harness_requests WHERE run_id = {run:String} AND warmup = 0
      GROUP BY pattern ORDER BY pattern`,
    query_params: { run: runId },
    format: 'JSONEachRow',
  });
  const rows = await r.json<Record<string, unknown>>();
  const num = (v: unknown) => (v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v));
  return rows.map((x) => {
    const requests = Number(x.requests);
    const cost = Number(x.costUsd);
    return {
      pattern: String(x.pattern),
      requests,
      errors: Number(x.errors),
      avgLatencyMs: num(x.avgLatencyMs),
      p95LatencyMs: num(x.p95LatencyMs),
      ttftP50Ms: num(x.ttftP50Ms),
      costUsd: cost,
      costPer1k: requests ? (cost / requests) * 1000 : null,
      wastedUsd: Number(x.wastedUsd),
      retries: Number(x.retries),
    };
  });
}
