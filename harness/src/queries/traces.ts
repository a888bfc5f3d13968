import type { Store } from '../store/client';

/** Filters of the trace search (all optional; combined with AND). */
export interface TraceFilter {
  runId?: string | undefined;
  pattern?: string | undefined;
  errorClass?: string | undefined;
  minLatencyMs?: number | undefined;
  limit: number;
}

/** One unit of work found by the search. */
export interface TraceHit {
  traceId: string;
  timestamp: string;
  runId: string;
  pattern: string;
  provider: string;
  model: string;
  outcome: string;
  errorClass: string;
  latencyMs: number;
  costUsd: number;
  retries: number;
}

/** Find units of work (one row per trace, slowest first) by run, pattern, error class or latency. */
export async function searchTraces(store: Store, f: TraceFilter): Promise<TraceHit[]> {
  // One row per unit of work, without a sort-wide LIMIT BY: a built-in run's units are its driver
  // rows (coordinated-omission-safe latency); k6 runs and calls outside runs have invoke rows only.
  const source = f.runId && (await hasDriverRows(store, f.runId)) ? 'driver' : 'invoke';
  const where = ["outcome != 'dropped'", `source = '${source}'`];
  if (f.runId) where.push('run_id = {run:String}');
  if (f.pattern) where.push('pattern = {pattern:String}');
  if (f.errorClass) where.push('error_class = {errorClass:String}');
  if (f.minLatencyMs !== undefined) where.push('latency_ms >= {minLatency:Float64}');
  const r = await store.client.query({
    query: `SELECT TraceId AS traceId, toString(Timestamp) AS timestamp, run_id AS runId, pattern, provider, model, outcome,
                   error_class AS errorClass, latency_ms AS latencyMs, cost_usd AS costUsd, retries
            FROM harness_requests WHERE ${where.join(' AND ')}
            ORDER BY latency_ms DESC LIMIT {limit:UInt32}`,
    query_params: {
      run: f.runId ?? '',
      pattern: f.pattern ?? '',
      errorClass: f.errorClass ?? '',
      minLatency: f.minLatencyMs ?? 0,
      limit: f.limit,
    },
    format: 'JSONEachRow',
  });
  return (await r.json<TraceHit>()).map((h) => ({
    ...h,
    latencyMs: Number(h.latencyMs),
    costUsd: Number(h.costUsd),
    retries: Number(h.retries),
  }));
}

async function hasDriverRows(store: Store, runId: string): Promise<boolean> {
  const r = await store.client.query({
    query: `SELECT count() > 0 AS yes FROM (SELECT 1 FROM harness_requests WHERE run_id = {run:String} AND source = 'driver' LIMIT 1)`,
    query_params: { run: runId },
    format: 'JSONEachRow',
  });
  const [row] = await r.json<{ yes: number | string }>();
  return Number(row?.yes) === 1;
}

/** One span of a trace, as the waterfall draws it. */
export interface TraceSpan {
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: string;
  service: string;
  startNs: string;
  durationNs: string;
  status: string;
  statusMessage: string;
  attributes: Record<string, string>;
  events: { name: string; timeNs: string }[];
}

/** Every span of a trace, bounded by the trace-id lookup table's time range (as Grafana does). */
export async function traceSpans(store: Store, traceId: string): Promise<TraceSpan[]> {
  const r = await store.client.query({
    query: `
      WITH (SELECT min(Start) FROM otel_traces_trace_id_ts WHERE TraceId = {id:String}) AS s,
           (SELECT max(End) + 1 FROM otel_traces_trace_id_ts WHERE TraceId = {id:String}) AS e
      SELECT SpanId AS spanId, ParentSpanId AS parentSpanId, SpanName AS name, SpanKind AS kind, ServiceName AS service,
             toString(toUnixTimestamp64Nano(Timestamp)) AS startNs, toString(Duration) AS durationNs,
             StatusCode AS status, StatusMessage AS statusMessage, SpanAttributes AS attributes,
             arrayMap((n, t) -> map('name', n, 'timeNs', toString(toUnixTimestamp64Nano(t))), Events.Name, Events.Timestamp) AS events
      FROM otel_traces WHERE TraceId = {id:String} AND Timestamp >= s AND Timestamp <= e
      ORDER BY Timestamp`,
    query_params: { id: traceId },
    format: 'JSONEachRow',
  });
  return (await r.json<TraceSpan & { events: { name: string; timeNs: string }[] }>()).map((s) => ({
    ...s,
    events: s.events ?? [],
  }));
}
