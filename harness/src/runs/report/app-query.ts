import type { Store } from '../../store/client';
import { type AppSection, buildAppSection, type TraceSpan } from './app-section';

/**
 * The spans of a run's measured driver requests' traces: the driver's own span, the app's (any
 * service that joined the trace) and the mock's ground truth. The trace ids come from
 * `harness_requests` (sorted by run); `otel_traces` is read in the run's time range (an app's
 * spans may arrive late by OTLP, hence the margin). All parameters bound, nothing spliced.
 */
const TRACE_SPANS = `
  SELECT TraceId AS traceId, ServiceName AS service, SpanKind AS kind, SpanName AS name,
         toUnixTimestamp64Nano(Timestamp) / 1e6 AS startMs, Duration / 1e6 AS durationMs,
         SpanAttributes['harness.pattern'] AS pattern, SpanAttributes['harness.outcome'] AS outcome,
         SpanAttributes['harness.error.class'] AS errorClass, SpanAttributes['harness.ttfb_ms'] AS ttfbMs,
         SpanAttributes['http.response.status_code'] AS httpStatus, SpanAttributes['mock.fault.kind'] AS faultKind,
         SpanAttributes['gen_ai.request.model'] AS model,
         SpanAttributes['gen_ai.usage.input_tokens'] AS inputTokens,
         SpanAttributes['gen_ai.usage.output_tokens'] AS outputTokens,
         SpanAttributes['mock.response'] AS response,
         SpanAttributes['mock.request.retry_count'] AS retryCount,
         SpanAttributes['mock.stream.outcome'] AS streamOutcome
  FROM otel_traces
  WHERE TraceId IN (SELECT TraceId FROM harness_requests
                    WHERE run_id = {run:String} AND source = 'driver' AND warmup = 0 AND outcome != 'dropped')
    AND Timestamp >= (SELECT min(Timestamp) FROM harness_requests WHERE run_id = {run:String}) - INTERVAL 1 MINUTE
    AND Timestamp <= (SELECT max(Timestamp) FROM harness_requests WHERE run_id = {run:String}) + INTERVAL 15 MINUTE
    AND (ServiceName != 'harness-driver' OR SpanAttributes['harness.run.id'] = {run:String})`;

type Row = Record<keyof TraceSpan['attrs'] | 'response', string> &
  Pick<TraceSpan, 'traceId' | 'service' | 'kind' | 'name'> & { startMs: number; durationMs: number };

const num = (s: string) => (s === '' ? undefined : Number(s));

/** Query and assemble the app section of a URL-target run. */
export async function queryAppSection(store: Store, run: string): Promise<AppSection> {
  const r = await store.client.query({ query: TRACE_SPANS, query_params: { run }, format: 'JSONEachRow' });
  const spans: TraceSpan[] = (await r.json<Row>()).map((x) => {
    const attrs: TraceSpan['attrs'] = {};
    const put = <K extends keyof TraceSpan['attrs']>(k: K, v: TraceSpan['attrs'][K] | undefined) => {
      if (v !== undefined && v !== '') attrs[k] = v;
    };
    put('pattern', x.pattern);
    put('outcome', x.outcome);
    put('errorClass', x.errorClass);
    put('ttfbMs', num(x.ttfbMs));
    put('httpStatus', x.httpStatus);
    put('faultKind', x.faultKind);
    put('model', x.model);
    put('inputTokens', num(x.inputTokens));
    put('outputTokens', num(x.outputTokens));
    put('retryCount', num(x.retryCount));
    put('streamOutcome', x.streamOutcome);
    if (x.response === 'none') attrs.noResponse = true;
    return {
      traceId: x.traceId,
      service: x.service,
      kind: x.kind,
      name: x.name,
      startMs: Number(x.startMs),
      durationMs: Number(x.durationMs),
      attrs,
    };
  });
  return buildAppSection(spans);
}
