import { describe, expect, it } from 'vitest';
import { OtlpHttpError } from './errors';
import { decodeJsonRequest, encodeJsonResponse, encodeJsonStatus } from './json-codec';
import { otlpToRows } from './otlp-to-rows';

const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof OtlpHttpError ? err.status : 'other';
  }
  return 'none';
};

describe('OTLP/JSON decoding', () => {
  it('reads hex ids case-insensitively, 64-bit ints as strings or numbers, enums as ints', () => {
    const body = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
      "scopeSpans":[{"scope":{"name":"s"},"spans":[{
        "traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"",
        "name":"n","kind":2,"startTimeUnixNano":1795600800123456789,"endTimeUnixNano":"1795600800123456799",
        "attributes":[{"key":"big","value":{"intValue":9007199254740993}},{"key":"s","value":{"intValue":"-12"}},
          {"key":"d","value":{"doubleValue":"NaN"}},{"key":"b","value":{"bytesValue":"AQI="}},
          {"key":"kv","value":{"kvlistValue":{"values":[{"key":"y","value":{"boolValue":true}}]}}}],
        "status":{"code":2}}]}]}]}`;
    const [row] = otlpToRows(decodeJsonRequest(bytes(body))).rows;
    expect(row).toMatchObject({
      TraceId: '5b8efff798038103d269b633813fc60c',
      SpanId: 'eee19b7ec3c1b174',
      ParentSpanId: '',
      SpanKind: 'Server',
      Timestamp: '1795600800123456789',
      Duration: '10',
      StatusCode: 'Error',
      ServiceName: 'svc',
      SpanAttributes: { b: 'AQI=', big: '9007199254740993', d: 'NaN', kv: '{"y":true}', s: '-12' },
    });
  });

  it('ignores unknown fields, accepts nulls, snake_case names and enum names', () => {
    const req = decodeJsonRequest(
      bytes({
        future: { x: 1 },
        resource_spans: [
          {
            schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
            scope_spans: [
              {
                spans: [
                  {
                    trace_id: '5b8efff798038103d269b633813fc60c',
                    span_id: 'eee19b7ec3c1b174',
                    kind: 'SPAN_KIND_CONSUMER',
                    flags: 257,
                    droppedAttributesCount: 0,
                    status: { code: 'STATUS_CODE_OK', message: null },
                    events: null,
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const [row] = otlpToRows(req).rows;
    expect(row).toMatchObject({
      SpanKind: 'Consumer',
      StatusCode: 'Ok',
      StatusMessage: '',
      'Events.Name': [],
    });
  });

  it('accepts an empty request', () => {
    expect(decodeJsonRequest(bytes('{}'))).toEqual({});
  });

  it('refuses garbage with 400', () => {
    expect(status(() => decodeJsonRequest(bytes('not json')))).toBe(400);
    expect(status(() => decodeJsonRequest(bytes('[]')))).toBe(400);
    expect(status(() => decodeJsonRequest(bytes({ resourceSpans: 'x' })))).toBe(400);
    expect(status(() => decodeJsonRequest(Buffer.from([0x7b, 0xff, 0x7d])))).toBe(400); // not UTF-8
    const badSpan = (s: object) => bytes({ resourceSpans: [{ scopeSpans: [{ spans: [s] }] }] });
    expect(status(() => decodeJsonRequest(badSpan({ startTimeUnixNano: '-1' })))).toBe(400);
    expect(status(() => decodeJsonRequest(badSpan({ startTimeUnixNano: '18446744073709551616' })))).toBe(400);
    expect(status(() => decodeJsonRequest(badSpan({ kind: 'SPAN_KIND_NOPE' })))).toBe(400);
    expect(status(() => decodeJsonRequest(badSpan({ name: 5 })))).toBe(400);
  });

  it('refuses absurdly deep nesting with 400, not a crash', () => {
    const depth = 100_000;
    const nest = `${'{"arrayValue":{"values":['.repeat(depth)}{}${']}}'.repeat(depth)}`;
    const body = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":${nest}}]}]}]}]}`;
    expect(status(() => decodeJsonRequest(bytes(body)))).toBe(400);
  });

  it('encodes responses and statuses as OTLP/JSON', () => {
    expect(JSON.parse(Buffer.from(encodeJsonResponse(0, '')).toString())).toEqual({});
    expect(JSON.parse(Buffer.from(encodeJsonResponse(3, 'bad ids')).toString())).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'bad ids' },
    });
    expect(JSON.parse(Buffer.from(encodeJsonStatus(3, 'nope')).toString())).toEqual({
      code: 3,
      message: 'nope',
      details: [],
    });
  });
});
