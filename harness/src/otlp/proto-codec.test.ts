import { describe, expect, it } from 'vitest';
import { OtlpHttpError } from './errors';
import {
  decodeProtobufRequest,
  encodeProtobufRequest,
  encodeProtobufResponse,
  encodeProtobufStatus,
} from './proto-codec';

const id = (hex: string) => Buffer.from(hex, 'hex');

describe('OTLP/protobuf decoding', () => {
  it('decodes ids to lowercase hex and 64-bit fields to exact decimal strings', () => {
    const body = encodeProtobufRequest({
      resourceSpans: [
        {
          scopeSpans: [
            {
              scope: { name: 'scope', version: '1' },
              spans: [
                {
                  traceId: id('5B8EFFF798038103D269B633813FC60C'),
                  spanId: id('eee19b7ec3c1b174'),
                  flags: 0x301,
                  kind: 3,
                  startTimeUnixNano: '18446744073709551615',
                  attributes: [
                    { key: 'i', value: { intValue: '-9223372036854775808' } },
                    { key: 'b', value: { bytesValue: Buffer.from([1, 2]) } },
                    { key: 'e', value: {} },
                  ],
                  links: [
                    { traceId: id('5b8efff798038103d269b633813fc60c'), spanId: id('0102030405060708') },
                  ],
                  status: { code: 2, message: 'boom' },
                },
              ],
            },
          ],
        },
      ],
    });
    const span = decodeProtobufRequest(body).resourceSpans?.[0]?.scopeSpans?.[0]?.spans?.[0];
    expect(span).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: '',
      kind: 3,
      startTimeUnixNano: '18446744073709551615',
      links: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: '0102030405060708' }],
      status: { code: 2, message: 'boom' },
    });
    expect(span?.attributes?.[0]?.value).toEqual({ intValue: '-9223372036854775808' });
    expect([...(span?.attributes?.[1]?.value?.bytesValue ?? [])]).toEqual([1, 2]);
    expect(span?.attributes?.[2]?.value).toEqual({});
  });

  it('treats an empty body as an empty request', () => {
    expect(decodeProtobufRequest(new Uint8Array(0))).toEqual({ resourceSpans: undefined });
  });

  it('refuses bytes that are not a request with a 400', () => {
    for (const garbage of ['this is not protobuf', '\x0a\xff\xff\xff\xff\x0f']) {
      expect(() => decodeProtobufRequest(Buffer.from(garbage, 'latin1'))).toThrow(OtlpHttpError);
    }
  });

  it('refuses nesting deeper than the protobuf recursion limit with a 400', () => {
    // AnyValue{arrayValue{values[AnyValue{…}]}} 1000 levels deep, built inside out.
    const varint = (n: number): number[] => (n < 128 ? [n] : [(n & 127) | 128, ...varint(n >>> 7)]);
    let msg: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const array = [0x0a, ...varint(msg.length), ...msg];
      msg = [0x2a, ...varint(array.length), ...array];
    }
    const kv = [0x0a, 1, 0x6b, 0x12, ...varint(msg.length), ...msg];
    const span = [0x4a, ...varint(kv.length), ...kv];
    const scope = [0x12, ...varint(span.length), ...span];
    const resource = [0x12, ...varint(scope.length), ...scope];
    const body = Buffer.from([0x0a, ...varint(resource.length), ...resource]);
    expect(() => decodeProtobufRequest(body)).toThrow(/max depth exceeded/);
  });

  it('encodes the empty response as no bytes and a partial success as fields 1.1/1.2', () => {
    expect(encodeProtobufResponse(0, '')).toHaveLength(0);
    // field 1 (len 9) { field 1 varint 3, field 2 "bad" }
    expect([...encodeProtobufResponse(3, 'bad')]).toEqual([0x0a, 7, 0x08, 3, 0x12, 3, 0x62, 0x61, 0x64]);
    // google.rpc.Status { code 3, message "x" }
    expect([...encodeProtobufStatus(3, 'x')]).toEqual([0x08, 3, 0x12, 1, 0x78]);
  });
});
