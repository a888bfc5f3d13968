/**
 * One row of `otel_traces` exactly as the OpenTelemetry Collector ClickHouse exporter writes it
 * (JSONEachRow with flattened Nested columns; `insertSpanRows` sends the same values compact).
 * Everything is already stringified: DateTime64(9) and UInt64 travel as decimal strings so no
 * nanosecond is lost to JSON numbers.
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

/** Sorted-key string map of a plain attribute record (the SDK span's own attributes). */
export function attributeRecordMap(record: Readonly<Record<string, unknown>>): Record<string, string> {
  // Default sort compares UTF-16 code units, the same order as attributeMap's comparator.
  const keys = Object.keys(record).sort();
  const out: Record<string, string> = {};
  for (const k of keys) put(out, k, attributeString(record[k]));
  return out;
}

/** Sorted-key string map, as clickhouse-go writes Map columns. */
export function attributeMap(entries: Iterable<[string, unknown]>): Record<string, string> {
  const list = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, string> = {};
  for (const [k, v] of list) put(out, k, attributeString(v));
  return out;
}

/**
 * A literal object stays in V8's fast mode (a null-prototype one starts as a slow dictionary); a
 * key literally named `__proto__` is defined rather than assigned, so it is kept as plain data.
 */
function put(out: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true });
  else out[key] = value;
}
