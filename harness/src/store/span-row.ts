/**
 * One row of `otel_traces` exactly as the OpenTelemetry Collector ClickHouse exporter writes it
 * (JSONEachRow with flattened Nested columns). Everything is already stringified: DateTime64(9)
 * and UInt64 travel as decimal strings so no nanosecond is lost to JSON numbers.
 */
export interface SpanRow {
  /** Start time, ns since epoch, decimal string (read by ClickHouse as DateTime64(9) ticks). */
  Timestamp: string;
  TraceId: string;
  SpanId: string;
  /** `''` for a root span, never zeros. */
  ParentSpanId: string;
  TraceState: string;
  SpanName: string;
  /** `Unspecified | Internal | Server | Client | Producer | Consumer` */
  SpanKind: string;
  ServiceName: string;
  ResourceAttributes: Record<string, string>;
  ScopeName: string;
  ScopeVersion: string;
  SpanAttributes: Record<string, string>;
  /** Duration in ns, decimal string. */
  Duration: string;
  /** `Unset | Ok | Error` */
  StatusCode: string;
  StatusMessage: string;
  'Events.Timestamp': string[];
  'Events.Name': string[];
  'Events.Attributes': Record<string, string>[];
  'Links.TraceId': string[];
  'Links.SpanId': string[];
  'Links.TraceState': string[];
  'Links.Attributes': Record<string, string>[];
}

/** Span kind names as pdata prints them, indexed by OTLP `kind` (0 = unspecified). */
export const OTLP_SPAN_KIND = [
  'Unspecified',
  'Internal',
  'Server',
  'Client',
  'Producer',
  'Consumer',
] as const;

/** Status code names as pdata prints them, indexed by OTLP/JS status code. */
export const STATUS_CODE = ['Unset', 'Ok', 'Error'] as const;

/**
 * Stringify an attribute value the way pdata `Value.AsString()` does: strings as is, numbers by the
 * ES6 rule, arrays and maps as compact JSON.
 */
export function attributeString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Sorted-key string map, as clickhouse-go writes Map columns. */
export function attributeMap(entries: Iterable<[string, unknown]>): Record<string, string> {
  const list = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // A null prototype keeps an attribute literally named `__proto__` instead of dropping it.
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of list) out[k] = attributeString(v);
  return out;
}
