import type { Store } from '../store/client';

/**
 * Filters of the search over every stored span (all combined with AND): traces the harness wrote
 * and traces any app sent to the OTLP receiver alike.
 */
export interface SpanFilter {
  /** A span of the trace comes from this service (`service.name`). */
  service?: string | undefined;
  /** `error`: a span of the trace failed; `ok`: a span ended without error. */
  status?: 'error' | 'ok' | undefined;
  /** ISO times bounding the matching span's start. */
  from?: string | undefined;
  to?: string | undefined;
  /** A span attribute (or resource attribute) with exactly this value. */
  attrKey?: string | undefined;
  attrValue?: string | undefined;
  /** Span name contains this text (case-insensitive). */
  name?: string | undefined;
  limit: number;
}

/** One trace found by the span search: its earliest matching span. */
export interface SpanHit {
  traceId: string;
  timestamp: string;
  service: string;
  name: string;
  durationMs: number;
  status: string;
  /** Spans of the trace that matched the filters. */
  matches: number;
}

/** Services that wrote spans, most spans first (the search form's choices). */
export async function spanServices(store: Store): Promise<string[]> {
  const r = await store.client.query({
    query: 'SELECT ServiceName AS s, count() AS n FROM otel_traces GROUP BY s ORDER BY n DESC LIMIT 100',
    format: 'JSONEachRow',
  });
  return (await r.json<{ s: string }>()).map((x) => x.s);
}

/** Traces with a span matching the filters, newest first. */
export async function searchSpans(store: Store, f: SpanFilter): Promise<SpanHit[]> {
  const where: string[] = [];
  if (f.service) where.push('ServiceName = {service:String}');
  if (f.status === 'error') where.push("StatusCode = 'Error'");
  if (f.status === 'ok') where.push("StatusCode != 'Error'");
  if (f.from) where.push('Timestamp >= parseDateTime64BestEffort({from:String}, 9)');
  if (f.to) where.push('Timestamp <= parseDateTime64BestEffort({to:String}, 9)');
  if (f.attrKey)
    where.push(
      '(SpanAttributes[{attrKey:String}] = {attrValue:String} OR ResourceAttributes[{attrKey:String}] = {attrValue:String})',
    );
  if (f.name) where.push('positionCaseInsensitive(SpanName, {name:String}) > 0');
  const r = await store.client.query({
    query: `SELECT TraceId AS traceId, toString(min(Timestamp)) AS timestamp,
                   argMin(ServiceName, Timestamp) AS service, argMin(SpanName, Timestamp) AS name,
                   argMin(Duration, Timestamp) / 1e6 AS durationMs, argMin(StatusCode, Timestamp) AS status,
                   count() AS matches
            FROM otel_traces ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            GROUP BY TraceId ORDER BY timestamp DESC LIMIT {limit:UInt32}`,
    query_params: {
      service: f.service ?? '',
      from: f.from ?? '',
      to: f.to ?? '',
      attrKey: f.attrKey ?? '',
      attrValue: f.attrValue ?? '',
      name: f.name ?? '',
      limit: f.limit,
    },
    format: 'JSONEachRow',
  });
  return (await r.json<SpanHit>()).map((h) => ({
    ...h,
    durationMs: Number(h.durationMs),
    matches: Number(h.matches),
  }));
}
