import { describe, expect, it } from 'vitest';
import type { OtlpSpan, OtlpTraceRequest } from './model';
import { otlpToRows } from './otlp-to-rows';

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
const PARENT = 'eee19b7ec3c1b173';

const span = (over: Partial<OtlpSpan> = {}): OtlpSpan => ({
  traceId: TRACE,
  spanId: SPAN,
  name: 'chat gpt-4o-mini',
  kind: 3,
  startTimeUnixNano: '1795600800123456789',
  endTimeUnixNano: '1795600800623456790',
  ...over,
});

const request = (...spans: OtlpSpan[]): OtlpTraceRequest => ({
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'harness' } },
          { key: 'host.name', value: { stringValue: 'box' } },
        ],
      },
      scopeSpans: [{ scope: { name: 'llm-client', version: '1.2.3' }, spans }],
    },
  ],
});

const one = (s: OtlpSpan) => {
  const { rows, invalid } = otlpToRows(request(s));
  expect(invalid).toBe(0);
  return rows[0]!;
};

describe('otlpToRows', () => {
  it('maps a span to a row as the Collector ClickHouse exporter does', () => {
    const row = one(
      span({
        parentSpanId: PARENT,
        traceState: 'vendor=a',
        attributes: [
          { key: 'gen_ai.usage.input_tokens', value: { intValue: '12' } },
          { key: 'gen_ai.request.temperature', value: { doubleValue: 0.5 } },
        ],
        status: { code: 2, message: 'rate limited' },
      }),
    );
    expect(row).toEqual({
      Timestamp: '1795600800123456789',
      TraceId: TRACE,
      SpanId: SPAN,
      ParentSpanId: PARENT,
      TraceState: 'vendor=a',
      SpanName: 'chat gpt-4o-mini',
      SpanKind: 'Client',
      ServiceName: 'harness',
      ResourceAttributes: { 'host.name': 'box', 'service.name': 'harness' },
      ScopeName: 'llm-client',
      ScopeVersion: '1.2.3',
      SpanAttributes: { 'gen_ai.request.temperature': '0.5', 'gen_ai.usage.input_tokens': '12' },
      Duration: '500000001',
      StatusCode: 'Error',
      StatusMessage: 'rate limited',
      'Events.Timestamp': [],
      'Events.Name': [],
      'Events.Attributes': [],
      'Links.TraceId': [],
      'Links.SpanId': [],
      'Links.TraceState': [],
      'Links.Attributes': [],
    });
    expect(Object.keys(row.SpanAttributes)).toEqual([
      'gen_ai.request.temperature',
      'gen_ai.usage.input_tokens',
    ]);
  });

  it('names every OTLP span kind and prints unknown ones as pdata does', () => {
    const kinds = [0, 1, 2, 3, 4, 5, 9].map((kind) => one(span({ kind })).SpanKind);
    expect(kinds).toEqual(['Unspecified', 'Internal', 'Server', 'Client', 'Producer', 'Consumer', '']);
    expect(one(span({ kind: undefined })).SpanKind).toBe('Unspecified');
  });

  it('names every status code, unset when there is no status', () => {
    const codes = [0, 1, 2].map((code) => one(span({ status: { code } })).StatusCode);
    expect(codes).toEqual(['Unset', 'Ok', 'Error']);
    expect(one(span({ status: undefined }))).toMatchObject({ StatusCode: 'Unset', StatusMessage: '' });
  });

  it("writes '' as the parent of a root span, absent or all zeros", () => {
    expect(one(span()).ParentSpanId).toBe('');
    expect(one(span({ parentSpanId: '0000000000000000' })).ParentSpanId).toBe('');
  });

  it("writes '' for an all-zero trace id", () => {
    expect(one(span({ traceId: '0'.repeat(32) })).TraceId).toBe('');
  });

  it('keeps nanosecond timestamps beyond 2^53 exact and clamps negative durations to 0', () => {
    const row = one(
      span({ startTimeUnixNano: '18446744073709551614', endTimeUnixNano: '18446744073709551615' }),
    );
    expect(row).toMatchObject({ Timestamp: '18446744073709551614', Duration: '1' });
    expect(one(span({ endTimeUnixNano: '1795600800123456788' })).Duration).toBe('0');
    expect(one(span({ startTimeUnixNano: undefined, endTimeUnixNano: undefined }))).toMatchObject({
      Timestamp: '0',
      Duration: '0',
    });
  });

  it('writes events and links as parallel arrays', () => {
    const row = one(
      span({
        events: [
          {
            timeUnixNano: '1795600800223456789',
            name: 'first_chunk',
            attributes: [{ key: 'n', value: { intValue: '1' } }],
          },
          { timeUnixNano: '1795600800323456789', name: 'done' },
        ],
        links: [
          {
            traceId: TRACE,
            spanId: PARENT,
            traceState: 'x=1',
            attributes: [{ key: 'why', value: { stringValue: 'retry' } }],
          },
          { traceId: '0'.repeat(32), spanId: '0'.repeat(16) },
        ],
      }),
    );
    expect(row['Events.Timestamp']).toEqual(['1795600800223456789', '1795600800323456789']);
    expect(row['Events.Name']).toEqual(['first_chunk', 'done']);
    expect(row['Events.Attributes']).toEqual([{ n: '1' }, {}]);
    expect(row['Links.TraceId']).toEqual([TRACE, '']);
    expect(row['Links.SpanId']).toEqual([PARENT, '']);
    expect(row['Links.TraceState']).toEqual(['x=1', '']);
    expect(row['Links.Attributes']).toEqual([{ why: 'retry' }, {}]);
  });

  it('stringifies a non-string service.name and leaves it empty when absent', () => {
    const withInt: OtlpTraceRequest = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { intValue: '7' } }] },
          scopeSpans: [{ spans: [span()] }],
        },
        { scopeSpans: [{ spans: [span()] }] },
      ],
    };
    const { rows } = otlpToRows(withInt);
    expect(rows.map((r) => [r.ServiceName, r.ScopeName, r.ScopeVersion])).toEqual([
      ['7', '', ''],
      ['', '', ''],
    ]);
  });

  it('rejects spans with malformed ids one by one and keeps the others', () => {
    const { rows, invalid, reasons } = otlpToRows(
      request(
        span({ traceId: TRACE.slice(2) }),
        span({ spanId: '' }),
        span({ spanId: 'zzzzzzzzzzzzzzzz' }),
        span({ parentSpanId: 'abcd' }),
        span({ links: [{ traceId: TRACE, spanId: SPAN.slice(1) }] }),
        span({ name: 'good' }),
      ),
    );
    expect(rows.map((r) => r.SpanName)).toEqual(['good']);
    expect(invalid).toBe(5);
    expect(reasons).toEqual([
      'invalid trace id: want 16 bytes',
      'invalid span id: want 8 bytes',
      'invalid parent span id: want 8 bytes',
      'invalid link span id: want 8 bytes',
    ]);
  });

  it('maps an empty request to no rows', () => {
    expect(otlpToRows({})).toEqual({ rows: [], invalid: 0, reasons: [] });
  });
});
