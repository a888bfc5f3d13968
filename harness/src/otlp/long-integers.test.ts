import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteLongIntegers } from './long-integers';

describe('quoteLongIntegers', () => {
  it('quotes integers too long for a double so JSON.parse keeps them exact', () => {
    const text = '{"a":1795600800123456789,"b":[-9223372036854775808,12],"c":1.5,"d":1e21}';
    expect(JSON.parse(quoteLongIntegers(text))).toEqual({
      a: '1795600800123456789',
      b: ['-9223372036854775808', 12],
      c: 1.5,
      d: 1e21,
    });
  });

  it('leaves digits inside strings, fractions and exponents alone', () => {
    const text =
      '{"s":"12345678901234567890 \\" 99999999999999999","f":0.12345678901234567,"e":1234567890123456e5}';
    expect(quoteLongIntegers(text)).toBe(text);
  });

  it('round-trips any int64/uint64 exactly whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
            fc.string(),
            fc.double({ noNaN: true, noDefaultInfinity: true }),
          ),
        ),
        (values) => {
          const text = `[${values.map((v) => (typeof v === 'bigint' ? v.toString() : JSON.stringify(v))).join(',')}]`;
          const parsed = JSON.parse(quoteLongIntegers(text)) as unknown[];
          values.forEach((v, i) => {
            if (typeof v === 'bigint') expect(BigInt(parsed[i] as string | number)).toBe(v);
            // A double printed with 16+ integer digits is quoted too; OTLP accepts doubles as strings.
            else if (typeof v === 'number') expect(Number(parsed[i])).toBe(JSON.parse(JSON.stringify(v)));
            else expect(parsed[i]).toBe(v);
          });
        },
      ),
    );
  });
});
