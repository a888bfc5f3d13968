import type { Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  attributeRecordMap,
  attributeString,
  OTLP_SPAN_KIND,
  type SpanRow,
  STATUS_CODE,
} from '../store/span-row';

const ZERO_TRACE_ID = '00000000000000000000000000000000';
const EMPTY: Record<string, string> = Object.freeze(Object.create(null));

/**
 * HrTime as ns since epoch, decimal: seconds then nine digits of nanoseconds. The SDK's own times
 * are normalised (0 ≤ ns < 1e9); a time a caller passed in may not be, and takes the BigInt path.
 */
function nsString(t: HrTime): string {
  const [sec, nanos] = t;
  if (nanos < 0 || nanos >= 1e9 || !Number.isInteger(nanos) || !Number.isInteger(sec) || sec < 0)
    return (BigInt(Math.trunc(sec)) * 1_000_000_000n + BigInt(Math.trunc(nanos))).toString();
  return sec === 0 ? String(nanos) : `${sec}${String(nanos).padStart(9, '0')}`;
}
const attrs = (a: Attributes | undefined) => (a ? attributeRecordMap(a) : EMPTY);

/** Every span of a provider shares one resource: map its attributes once. */
const resourceRows = new WeakMap<object, { service: string; attributes: Record<string, string> }>();
function resourceRow(resource: ReadableSpan['resource']) {
  let row = resourceRows.get(resource);
  if (!row) {
    row = {
      service: attributeString(resource.attributes['service.name']),
      attributes: attrs(resource.attributes),
    };
    // A resource with pending async attributes may still change; only settled ones are cached.
    if (!resource.asyncAttributesPending) resourceRows.set(resource, row);
  }
  return row;
}

/**
 * Map an SDK span to an `otel_traces` row exactly as the Collector's ClickHouse exporter would
 * (telemetry.md §2): ns timestamps as decimal strings, `''` parent for roots, sorted string maps.
 */
export function spanToRow(s: ReadableSpan): SpanRow {
  const ctx = s.spanContext();
  const resource = resourceRow(s.resource);
  // Whole-second and nanosecond parts apart: exact well past any span's duration.
  const duration = (s.endTime[0] - s.startTime[0]) * 1e9 + (s.endTime[1] - s.startTime[1]);
  return {
    Timestamp: nsString(s.startTime),
    TraceId: ctx.traceId === ZERO_TRACE_ID ? '' : ctx.traceId,
    SpanId: ctx.spanId,
    ParentSpanId: s.parentSpanContext?.spanId ?? '',
    TraceState: ctx.traceState?.serialize() ?? '',
    SpanName: s.name,
    // JS SpanKind is 0-based from INTERNAL; the OTLP table has UNSPECIFIED at 0.
    SpanKind: OTLP_SPAN_KIND[s.kind + 1] ?? 'Unspecified',
    ServiceName: resource.service,
    ResourceAttributes: resource.attributes,
    ScopeName: s.instrumentationScope.name,
    ScopeVersion: s.instrumentationScope.version ?? '',
    SpanAttributes: attrs(s.attributes),
    Duration: String(Math.max(duration, 0)),
    StatusCode: STATUS_CODE[s.status.code] ?? 'Unset',
    StatusMessage: s.status.message ?? '',
    'Events.Timestamp': s.events.map((e) => nsString(e.time)),
    'Events.Name': s.events.map((e) => e.name),
    'Events.Attributes': s.events.map((e) => attrs(e.attributes)),
    'Links.TraceId': s.links.map((l) => l.context.traceId),
    'Links.SpanId': s.links.map((l) => l.context.spanId),
    'Links.TraceState': s.links.map((l) => l.context.traceState?.serialize() ?? ''),
    'Links.Attributes': s.links.map((l) => attrs(l.attributes)),
  };
}
