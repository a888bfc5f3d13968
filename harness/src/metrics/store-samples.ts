import type { Store } from '../store/client';
import { providerCallCostByTrace } from './provider-call-cost';
import { type RequestSample, sampleFromStoredRow } from './request-sample';

interface Row {
  trace: string;
  pattern: string;
  outcome: string;
  error_class: string;
  latency_ms: number;
  ttft_ms: number | null;
  cost_usd: number;
  wasted: number | null;
  retries: number;
}

/**
 * The measured window of a stored run, one sample per scheduled request: its driver row (warm-up
 * excluded), with the retry waste of the invoke span in the same trace. For `runId` '' (calls made
 * outside any run), the invoke rows themselves.
 */
export async function storedSamples(store: Store, runId: string): Promise<RequestSample[]> {
  const query =
    runId === ''
      ? `SELECT TraceId AS trace, pattern, outcome, error_class, latency_ms, ttft_ms, cost_usd,
                wasted_usd AS wasted, retries
         FROM harness_requests WHERE run_id = '' AND source = 'invoke' ORDER BY Timestamp`
      : `SELECT d.TraceId AS trace, d.pattern AS pattern, d.outcome AS outcome, d.error_class AS error_class,
                d.latency_ms AS latency_ms, d.ttft_ms AS ttft_ms, d.cost_usd AS cost_usd,
                i.wasted AS wasted, d.retries AS retries
         FROM (SELECT * FROM harness_requests
               WHERE run_id = {run:String} AND source = 'driver' AND warmup = 0) AS d
         LEFT JOIN (SELECT TraceId, sum(wasted_usd) AS wasted FROM harness_requests
                    WHERE run_id = {run:String} AND source = 'invoke' GROUP BY TraceId) AS i
           ON d.TraceId = i.TraceId
         ORDER BY d.Timestamp
         SETTINGS join_use_nulls = 1`;
  const r = await store.client.query({ query, query_params: { run: runId }, format: 'JSONEachRow' });
  const rows = await r.json<Row>();
  // A URL target's answers carry no cost: the provider calls in their traces do.
  const appCosts = runId === '' ? new Map<string, number>() : await providerCallCostByTrace(store, runId);
  return rows.map((row) => {
    const sample = sampleFromStoredRow(row);
    const appCost = appCosts.get(row.trace);
    return appCost === undefined ? sample : { ...sample, costUsd: appCost };
  });
}
