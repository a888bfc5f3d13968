import { describe, expect, it } from 'vitest';
import { RawHeaders } from './raw-headers';

const RAW = [
  'Host',
  'x',
  'Authorization',
  'Bearer k',
  'X-Mock-Fault',
  'sse_drop',
  'accept',
  'a',
  'Accept',
  'b',
];

describe('RawHeaders', () => {
  it('reads like the fetch Headers built from the same raw list', () => {
    const real = new Headers();
    for (let i = 0; i < RAW.length; i += 2) real.append(RAW[i] as string, RAW[i + 1] as string);
    const raw = new RawHeaders(RAW);
    for (const name of ['authorization', 'AUTHORIZATION', 'x-mock-fault', 'accept', 'missing'])
      expect(raw.get(name)).toBe(real.get(name));
    expect(raw.has('Host')).toBe(true);
    expect([...raw]).toEqual([...real]);
    expect([...raw.keys()]).toEqual([...real.keys()]);
    const seen: string[] = [];
    raw.forEach((v, k) => {
      seen.push(`${k}=${v}`);
    });
    expect(seen).toEqual([...real].map(([k, v]) => `${k}=${v}`));
    expect([...new Headers(raw as unknown as Headers)]).toEqual([...real]);
    expect([...raw.toHeaders()]).toEqual([...real]);
  });

  it('refuses writes: these are the headers of a received request', () => {
    expect(() => new RawHeaders(RAW).set()).toThrow(TypeError);
  });
});
