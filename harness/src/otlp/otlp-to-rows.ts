import { OTLP_SPAN_KIND, type SpanRow, STATUS_CODE } from '../store/span-row';
import { attributesToMap } from './any-value';
import type { OtlpLink, OtlpResourceSpans, OtlpScopeSpans, OtlpSpan, OtlpTraceRequest } from './model';

/** Rows of the valid spans of a request, plus how many spans were refused as invalid and why. */
export interface OtlpRows {
  rows: SpanRow[];
  /** Spans that could not become a row (bad ids); they count as rejected in the partial success. */
  invalid: number;
  /** Distinct reasons for the invalid spans, for the partial-success error message. */
  reasons: string[];
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;

/** A span that cannot be stored; carries the reason shown to the client. */
class InvalidSpan extends Error {}

/**
 * Check an id's length and render it as the exporter does: all-zero ids become `''`
 * (`traceutil.*IDToHexOrEmptyString`). `optional` admits an absent id (a root's parent).
 */
function id(hex: string | undefined, pattern: RegExp, what: string, optional = false): string {
  const v = hex ?? '';
  if (optional && v === '') return '';
  if (!pattern.test(v)) throw new InvalidSpan(`invalid ${what}: want ${pattern === TRACE_ID ? 16 : 8} bytes`);
  return ALL_ZERO.test(v) ? '' : v;
}

const ns = (v: string | undefined) => BigInt(v ?? 0);

/** Parallel `Links.*` arrays, validating every link's ids. */
function links(list: readonly OtlpLink[]) {
  return {
    'Links.TraceId': list.map((l) => id(l.traceId, TRACE_ID, 'link trace id')),
    'Links.SpanId': list.map((l) => id(l.spanId, SPAN_ID, 'link span id')),
    'Links.TraceState': list.map((l) => l.traceState ?? ''),
    'Links.Attributes': list.map((l) => attributesToMap(l.attributes)),
  };
}

/** One span → one row, per telemetry.md §2; throws `InvalidSpan` when its ids are malformed. */
function spanToRow(
  s: OtlpSpan,
  resource: Pick<SpanRow, 'ServiceName' | 'ResourceAttributes'>,
  scope: Pick<SpanRow, 'ScopeName' | 'ScopeVersion'>,
): SpanRow {
  const start = ns(s.startTimeUnixNano);
  const end = ns(s.endTimeUnixNano);
  const events = s.events ?? [];
  return {
    Timestamp: start.toString(),
    TraceId: id(s.traceId, TRACE_ID, 'trace id'),
    SpanId: id(s.spanId, SPAN_ID, 'span id'),
    ParentSpanId: id(s.parentSpanId, SPAN_ID, 'parent span id', true),
    TraceState: s.traceState ?? '',
    SpanName: s.name ?? '',
    // pdata prints '' for an enum value it does not know; so do we.
    SpanKind: OTLP_SPAN_KIND[s.kind ?? 0] ?? '',
    ...resource,
    ...scope,
    SpanAttributes: attributesToMap(s.attributes),
    // Duration is UInt64: a span ending before it starts is stored as 0, not wrapped around.
    Duration: (end > start ? end - start : 0n).toString(),
    StatusCode: STATUS_CODE[s.status?.code ?? 0] ?? '',
    StatusMessage: s.status?.message ?? '',
    'Events.Timestamp': events.map((e) => ns(e.timeUnixNano).toString()),
    'Events.Name': events.map((e) => e.name ?? ''),
    'Events.Attributes': events.map((e) => attributesToMap(e.attributes)),
    ...links(s.links ?? []),
  };
}

function resourceColumns(rs: OtlpResourceSpans) {
  const ResourceAttributes = attributesToMap(rs.resource?.attributes);
  return { ServiceName: ResourceAttributes['service.name'] ?? '', ResourceAttributes };
}

function scopeColumns(ss: OtlpScopeSpans) {
  return { ScopeName: ss.scope?.name ?? '', ScopeVersion: ss.scope?.version ?? '' };
}

/**
 * Map a decoded export request to `otel_traces` rows as the Collector's ClickHouse exporter
 * would. Invalid spans are skipped one by one (never the whole request), so the receiver can
 * answer with a partial success.
 */
export function otlpToRows(request: OtlpTraceRequest): OtlpRows {
  const out: OtlpRows = { rows: [], invalid: 0, reasons: [] };
  for (const rs of request.resourceSpans ?? []) {
    const resource = resourceColumns(rs);
    for (const ss of rs.scopeSpans ?? []) {
      const scope = scopeColumns(ss);
      for (const span of ss.spans ?? []) {
        try {
          out.rows.push(spanToRow(span, resource, scope));
        } catch (err) {
          if (!(err instanceof InvalidSpan)) throw err;
          out.invalid++;
          if (!out.reasons.includes(err.message)) out.reasons.push(err.message);
        }
      }
    }
  }
  return out;
}
