import { randomBytes } from 'node:crypto';
import type { InvokeCall } from '../driver/targets';
import type { DriverRecord } from '../driver/types';
import type { SpanRow } from '../store/span-row';
import { GEN_AI, HARNESS } from '../telemetry/attributes';

/** Trace and span id of one scheduled request, minted before it is sent. */
export interface RequestIds {
  traceId: string;
  spanId: string;
}

/** Fresh W3C ids for a scheduled request. */
export function newRequestIds(): RequestIds {
  return { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
}

/** The `traceparent` that makes the request's invoke span a child of its driver span. */
export function traceparent(ids: RequestIds): string {
  return `00-${ids.traceId}-${ids.spanId}-01`;
}

const ns = (epochMs: number) => (BigInt(Math.round(epochMs * 1000)) * 1000n).toString();

/**
 * The driver's span of one scheduled request, written straight as an `otel_traces` row: it starts at
 * the SCHEDULED time and lasts the coordinated-omission-safe latency, so "every scheduled request is
 * a span or a counted drop" can be checked with one query. Dropped requests get a zero-length span.
 */
export function loadRequestRow(
  r: DriverRecord,
  call: InvokeCall,
  ids: RequestIds,
  run: { runId: string; scenario: string },
): SpanRow {
  const attrs: Record<string, string> = {
    [GEN_AI.requestModel]: call.model,
    'harness.provider': call.provider,
    [HARNESS.pattern]: call.pattern,
    [HARNESS.runId]: run.runId,
    [HARNESS.scenario]: run.scenario,
    [HARNESS.warmup]: String(r.warmup),
    'harness.schedule.index': String(r.index),
    'harness.schedule.offset_ms': r.scheduledOffsetMs.toFixed(3),
  };
  if (call.headers?.['x-mock-fault']) attrs['harness.forced_fault'] = call.headers['x-mock-fault'];
  let duration = 0;
  let status = 'Unset';
  if (r.kind === 'dropped') {
    attrs[HARNESS.outcome] = 'dropped';
  } else {
    duration = r.latencyMs;
    const o = r.outcome;
    attrs[HARNESS.outcome] = o.status;
    attrs[HARNESS.latencyMs] = r.latencyMs.toFixed(3);
    attrs[HARNESS.scheduledLatenessMs] = r.latenessMs.toFixed(3);
    if (r.ttftMs !== undefined) attrs[HARNESS.ttftMs] = r.ttftMs.toFixed(3);
    // As TTFT: from the scheduled start, so a late send counts against the app's users too.
    if (o.ttfbMs !== undefined) attrs['harness.ttfb_ms'] = (r.latenessMs + o.ttfbMs).toFixed(3);
    if (o.httpStatus !== undefined) attrs['http.response.status_code'] = String(o.httpStatus);
    if (o.costUsd !== undefined) attrs[HARNESS.costUsd] = String(o.costUsd);
    if (o.tokensIn !== undefined) attrs[GEN_AI.usageInputTokens] = String(o.tokensIn);
    if (o.tokensOut !== undefined) attrs[GEN_AI.usageOutputTokens] = String(o.tokensOut);
    if (o.retries !== undefined) attrs[HARNESS.retries] = String(o.retries);
    if (o.fallbackUsed !== undefined) attrs[HARNESS.fallbackUsed] = String(o.fallbackUsed);
    if (o.status === 'error') {
      attrs[HARNESS.errorClass] = o.errorClass;
      attrs['error.type'] = o.errorClass;
      status = 'Error';
    }
  }
  const sorted = Object.fromEntries(Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    Timestamp: ns(r.scheduledAt),
    TraceId: ids.traceId,
    SpanId: ids.spanId,
    ParentSpanId: '',
    TraceState: '',
    SpanName: `load_request ${call.pattern}`,
    SpanKind: 'Client',
    ServiceName: 'harness-driver',
    ResourceAttributes: { 'service.name': 'harness-driver' },
    ScopeName: 'harness.driver',
    ScopeVersion: '',
    SpanAttributes: sorted,
    Duration: (BigInt(Math.round(duration * 1000)) * 1000n).toString(),
    StatusCode: status,
    StatusMessage: '',
    'Events.Timestamp': [],
    'Events.Name': [],
    'Events.Attributes': [],
    'Links.TraceId': [],
    'Links.SpanId': [],
    'Links.TraceState': [],
    'Links.Attributes': [],
  };
}
