/**
 * A decoded `ExportTraceServiceRequest`, the one shape both wire formats decode into so the
 * row mapping is written once. Field names are the proto3 JSON (lowerCamelCase) names.
 *
 * Normalised on decoding: ids are lowercase hex strings (`''` when absent) whatever the wire
 * carried (bytes in protobuf, case-insensitive hex in JSON); 64-bit integers are decimal strings
 * because a JS number cannot hold every int64/fixed64. Only fields the mapping reads are listed:
 * anything else is ignored, as OTLP requires of unknown fields.
 */
export interface OtlpTraceRequest {
  resourceSpans?: OtlpResourceSpans[] | undefined;
}

/** Spans of one resource. */
export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] | undefined } | undefined;
  scopeSpans?: OtlpScopeSpans[] | undefined;
}

/** Spans of one instrumentation scope. */
export interface OtlpScopeSpans {
  scope?: { name?: string | undefined; version?: string | undefined } | undefined;
  spans?: OtlpSpan[] | undefined;
}

/** One span; ids are hex, times are ns since the epoch as decimal strings. */
export interface OtlpSpan {
  traceId?: string | undefined;
  spanId?: string | undefined;
  traceState?: string | undefined;
  parentSpanId?: string | undefined;
  name?: string | undefined;
  /** OTLP `SpanKind` number: 0 unspecified … 5 consumer. */
  kind?: number | undefined;
  startTimeUnixNano?: string | undefined;
  endTimeUnixNano?: string | undefined;
  attributes?: OtlpKeyValue[] | undefined;
  events?: OtlpEvent[] | undefined;
  links?: OtlpLink[] | undefined;
  status?: { message?: string | undefined; code?: number | undefined } | undefined;
}

/** A time-stamped annotation of a span. */
export interface OtlpEvent {
  timeUnixNano?: string | undefined;
  name?: string | undefined;
  attributes?: OtlpKeyValue[] | undefined;
}

/** A pointer to another span. */
export interface OtlpLink {
  traceId?: string | undefined;
  spanId?: string | undefined;
  traceState?: string | undefined;
  attributes?: OtlpKeyValue[] | undefined;
}

/** One attribute; duplicates are allowed on the wire (the last one wins in a row). */
export interface OtlpKeyValue {
  key?: string | undefined;
  value?: OtlpAnyValue | undefined;
}

/** The `AnyValue` oneof: at most one field is set; none set is the empty value. */
export interface OtlpAnyValue {
  stringValue?: string | undefined;
  boolValue?: boolean | undefined;
  /** int64 as a decimal string. */
  intValue?: string | undefined;
  doubleValue?: number | undefined;
  arrayValue?: { values?: OtlpAnyValue[] | undefined } | undefined;
  kvlistValue?: { values?: OtlpKeyValue[] | undefined } | undefined;
  bytesValue?: Uint8Array | undefined;
}
