import { describe, expect, it } from 'vitest';
import { anyValueJson, anyValuePlain, attributesToMap } from './any-value';
import type { OtlpAnyValue } from './model';

const str = (v: OtlpAnyValue | undefined) => attributesToMap([{ key: 'k', value: v }]).k;

describe('attribute stringification (pdata AsString)', () => {
  it('prints scalars as pdata does', () => {
    expect(str({ stringValue: 'chat' })).toBe('chat');
    expect(str({ boolValue: true })).toBe('true');
    expect(str({ boolValue: false })).toBe('false');
    expect(str({ intValue: '42' })).toBe('42');
    expect(str({ intValue: '-7' })).toBe('-7');
  });

  it('keeps int64 exact at both ends of the range', () => {
    expect(str({ intValue: '9223372036854775807' })).toBe('9223372036854775807');
    expect(str({ intValue: '-9223372036854775808' })).toBe('-9223372036854775808');
  });

  it('prints doubles by the ES6 number-to-string rule', () => {
    expect(str({ doubleValue: 0.5 })).toBe('0.5');
    expect(str({ doubleValue: 1e-7 })).toBe('1e-7');
    expect(str({ doubleValue: 1e21 })).toBe('1e+21');
    expect(str({ doubleValue: 3 })).toBe('3');
    expect(str({ doubleValue: Number.NaN })).toBe('NaN');
    expect(str({ doubleValue: Number.POSITIVE_INFINITY })).toBe('Infinity');
  });

  it('prints bytes as standard base64', () => {
    expect(str({ bytesValue: new Uint8Array([0xfb, 0xff, 0x01]) })).toBe('+/8B');
  });

  it('prints an empty value, or none at all, as the empty string', () => {
    expect(str({})).toBe('');
    expect(str(undefined)).toBe('');
    expect(anyValuePlain({})).toBeUndefined();
  });

  it('prints arrays as compact JSON of their plain values', () => {
    const finish = { arrayValue: { values: [{ stringValue: 'stop' }, { stringValue: 'length' }] } };
    expect(str(finish)).toBe('["stop","length"]');
    const mixed = {
      arrayValue: {
        values: [
          { intValue: '9007199254740993' },
          { doubleValue: 0.25 },
          { boolValue: false },
          {},
          { bytesValue: new Uint8Array([1, 2]) },
          { stringValue: '<a & "b">' },
        ],
      },
    };
    expect(str(mixed)).toBe('[9007199254740993,0.25,false,null,"AQI=","<a & \\"b\\">"]');
    expect(str({ arrayValue: {} })).toBe('[]');
  });

  it('prints kvlists as JSON objects with sorted keys, the last duplicate winning', () => {
    const kv = {
      kvlistValue: {
        values: [
          { key: 'z', value: { intValue: '1' } },
          { key: 'a', value: { arrayValue: { values: [{ stringValue: 'x' }] } } },
          {
            key: 'm',
            value: {
              kvlistValue: {
                values: [
                  { key: 'y', value: {} },
                  { key: 'b', value: { boolValue: true } },
                ],
              },
            },
          },
          { key: 'z', value: { intValue: '2' } },
        ],
      },
    };
    expect(str(kv)).toBe('{"a":["x"],"m":{"b":true,"y":null},"z":2}');
    expect(anyValueJson({ kvlistValue: {} })).toBe('{}');
  });

  it('sorts attribute keys ascending and keeps the last of duplicate keys', () => {
    const map = attributesToMap([
      { key: 'b', value: { stringValue: '1' } },
      { key: 'a', value: { stringValue: '2' } },
      { key: 'b', value: { stringValue: '3' } },
      { key: 'B', value: { stringValue: '4' } },
    ]);
    expect(Object.entries(map)).toEqual([
      ['B', '4'],
      ['a', '2'],
      ['b', '3'],
    ]);
  });
});
