import type { Store } from '../store/client';

/** One second of a run as stored (history for the live charts, overlays in compare). */
export interface SeriesPoint {
  t: number;
  /** Requests scheduled in this second fall in the warm-up (not part of the results). */
  warmup: boolean;
  requests: number;
  ok: number;
  errors: number;
  dropped: number;
  errorsByClass: Record<string, number>;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  ttftP50: number | null;
  costUsd: number;
  tokensOut: number;
  retries: number;
}

/**
 * Per-second series of a run from `harness_requests` (driver rows, by scheduled second), with
 * exact quantiles per second from the raw rows.
 */
export async function runSeries(store: Store, runId: string): Promise<SeriesPoint[]> {
  const r = await store.client.query({
    query: `
      WITH (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String} AND source = 'driver') AS t0
      SELECT toUInt32(dateDiff('second', t0, Timestamp)) AS t,
             max(warmup) AS warmup,
             count() AS requests,
             countIf(outcome = 'ok') AS ok,
             countIf(outcome = 'error') AS errors,
             countIf(outcome = 'dropped') AS dropped,
             sumMapIf(map(error_class, toUInt64(1)), outcome = 'error') AS errorsByClass,
             quantileExactIf(0.5)(latency_ms, outcome != 'dropped') AS p50,
             quantileExactIf(0.95)(latency_ms, outcome != 'dropped') AS p95,
             quantileExactIf(0.99)(latency_ms, outcome != 'dropped') AS p99,
             quantileExactIf(0.5)(ttft_ms, ttft_ms IS NOT NULL) AS ttftP50,
             sum(cost_usd) AS costUsd, sum(tokens_out) AS tokensOut, sum(retries) AS retries
      FROM harness_requests WHERE run_id = {run:String} AND source = 'driver'
      GROUP BY t ORDER BY t`,
    query_params: { run: runId },
    format: 'JSONEachRow',
  });
  const rows = await r.json<Record<string, unknown>>();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((x) => ({
    t: Number(x.t),
    warmup: Number(x.warmup) === 1,
    requests: Number(x.requests),
    ok: Number(x.ok),
    errors: Number(x.errors),
    dropped: Number(x.dropped),
    errorsByClass: Object.fromEntries(
      Object.entries((x.errorsByClass ?? {}) as Record<string, string>).map(([k, v]) => [k, Number(v)]),
    ),
    p50: Number(x.errors) + Number(x.ok) ? num(x.p50) : null,
    p95: Number(x.errors) + Number(x.ok) ? num(x.p95) : null,
    p99: Number(x.errors) + Number(x.ok) ? num(x.p99) : null,
    ttftP50: num(x.ttftP50),
    costUsd: Number(x.costUsd),
    tokensOut: Number(x.tokensOut),
    retries: Number(x.retries),
  }));
}
