import type { Attributes, HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { attributeMap, attributeString, OTLP_SPAN_KIND, type SpanRow, STATUS_CODE } from '../store/span-row';

const ZERO_TRACE_ID = '00000000000000000000000000000000';

const ns = (t: HrTime): bigint => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
const attrs = (a: Attributes | undefined) => attributeMap(Object.entries(a ?? {}));

/**
 * Map an SDK span to an `otel_traces` row exactly as the Collector's ClickHouse exporter would
 * (telemetry.md §2): ns timestamps as decimal strings, `''` parent for roots, sorted string maps.
 */
export function spanToRow(s: ReadableSpan): SpanRow {
  const start = ns(s.startTime);
  const end = ns(s.endTime);
  const ctx = s.spanContext();
  return {
    Timestamp: start.toString(),
    TraceId: ctx.traceId === ZERO_TRACE_ID ? '' : ctx.traceId,
    SpanId: ctx.spanId,
    ParentSpanId: s.parentSpanContext?.spanId ?? '',
    TraceState: ctx.traceState?.serialize() ?? '',
    SpanName: s.name,
    // JS SpanKind is 0-based from INTERNAL; the OTLP table has UNSPECIFIED at 0.
    SpanKind: OTLP_SPAN_KIND[s.kind + 1] ?? 'Unspecified',
    ServiceName: attributeString(s.resource.attributes['service.name']),
    ResourceAttributes: attrs(s.resource.attributes),
    ScopeName: s.instrumentationScope.name,
    ScopeVersion: s.instrumentationScope.version ?? '',
    SpanAttributes: attrs(s.attributes),
    Duration: (end > start ? end - start : 0n).toString(),
    StatusCode: STATUS_CODE[s.status.code] ?? 'Unset',
    StatusMessage: s.status.message ?? '',
    'Events.Timestamp': s.events.map((e) => ns(e.time).toString()),
    'Events.Name': s.events.map((e) => e.name),
    'Events.Attributes': s.events.map((e) => attrs(e.attributes)),
    'Links.TraceId': s.links.map((l) => l.context.traceId),
    'Links.SpanId': s.links.map((l) => l.context.spanId),
    'Links.TraceState': s.links.map((l) => l.context.traceState?.serialize() ?? ''),
    'Links.Attributes': s.links.map((l) => attrs(l.attributes)),
  };
}
