import { costOf } from '../cost/cost';
import type { Store } from '../store/client';

/**
 * What a provider bills for one call, from the mock's ground-truth span: an answered call (status
 * below 400) bills its usage; an error status bills nothing; a dropped stream bills what it sent.
 * `undefined` when the model has no price.
 */
export function billedCost(
  status: number,
  model: string,
  usage: { inputTokens: number; outputTokens: number },
): number | undefined {
  return status > 0 && status < 400 ? costOf(model, usage)?.total : 0;
}

interface CallRow {
  traceId: string;
  status: string;
  model: string;
  input: string;
  output: string;
}

/**
 * Cost per trace of a run's measured driver requests that have no invoke row (a URL target: the
 * user's app made the provider calls), summed over the mock's SERVER spans in each trace. The same
 * rule as the report's app section, so the run's cost is one number in every view.
 */
export async function providerCallCostByTrace(store: Store, runId: string): Promise<Map<string, number>> {
  const r = await store.client.query({
    query: `
      SELECT TraceId AS traceId, SpanAttributes['http.response.status_code'] AS status,
             SpanAttributes['gen_ai.request.model'] AS model,
             SpanAttributes['gen_ai.usage.input_tokens'] AS input,
             SpanAttributes['gen_ai.usage.output_tokens'] AS output
      FROM otel_traces
      WHERE ServiceName = 'mock-providers' AND SpanKind = 'Server'
        AND TraceId IN (SELECT TraceId FROM harness_requests
                        WHERE run_id = {run:String} AND source = 'driver' AND warmup = 0
                          AND TraceId NOT IN (SELECT TraceId FROM harness_requests
                                              WHERE run_id = {run:String} AND source = 'invoke'))
        AND Timestamp >= (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String}) - INTERVAL 1 MINUTE
        AND Timestamp <= (SELECT max(Timestamp) FROM harness_requests WHERE run_id = {run:String}) + INTERVAL 15 MINUTE`,
    query_params: { run: runId },
    format: 'JSONEachRow',
  });
  const costs = new Map<string, number>();
  for (const c of await r.json<CallRow>()) {
    const usage = { inputTokens: Number(c.input || 0), outputTokens: Number(c.output || 0) };
    const cost = billedCost(Number(c.status || 0), c.model, usage) ?? 0;
    costs.set(c.traceId, (costs.get(c.traceId) ?? 0) + cost);
  }
  return costs;
}
