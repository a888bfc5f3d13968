import { describe, expect, it } from 'vitest';
import { arrivalOf } from './k6-arrivals';

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe('arrivalOf', () => {
  it("reads the arrival's index, lateness and how long it took to reach the handler", () => {
    expect(
      arrivalOf(
        headers({ 'x-arrival-index': '7', 'x-arrival-lateness-ms': '3', 'x-arrival-sent-at': '1000' }),
        1012,
      ),
    ).toEqual({ index: 7, latenessMs: 3, inboundMs: 12 });
  });

  it('counts no transit without a send time, or with one from another clock', () => {
    const base = { 'x-arrival-index': '1', 'x-arrival-lateness-ms': '0' };
    expect(arrivalOf(headers(base), 5000)?.inboundMs).toBe(0);
    expect(arrivalOf(headers({ ...base, 'x-arrival-sent-at': '6000' }), 5000)?.inboundMs).toBe(0);
    expect(arrivalOf(headers({ ...base, 'x-arrival-sent-at': '1' }), 10_000_000)?.inboundMs).toBe(0);
  });

  it('is no arrival without a well-formed index and lateness', () => {
    expect(arrivalOf(headers({}))).toBeUndefined();
    expect(arrivalOf(headers({ 'x-arrival-index': '-1' }))).toBeUndefined();
    expect(arrivalOf(headers({ 'x-arrival-index': '2', 'x-arrival-lateness-ms': 'x' }))).toBeUndefined();
  });
});
