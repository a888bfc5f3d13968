import { describe, expect, it } from 'vitest';
import { parseGoDuration, parseProtoDuration, retryAfterMs, serverShouldRetry } from './retry-after';

const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('retryAfterMs', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, undefined, NOW)).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), undefined, NOW)).toBe(2_000);
    expect(retryAfterMs({ 'retry-after': 'Sun, 29 Nov 2026 12:00:03 GMT' }, undefined, NOW)).toBe(3_000);
  });

  it('reads the headers as the SDKs do: parseFloat, an empty retry-after-ms skipped, a past date negative', () => {
    expect(retryAfterMs({ 'retry-after-ms': '12.5ms' }, undefined, NOW, 500)).toBe(12.5);
    expect(retryAfterMs({ 'retry-after-ms': '', 'retry-after': '1.5' }, undefined, NOW, 500)).toBe(1_500);
    expect(retryAfterMs({ 'retry-after-ms': 'soon', 'retry-after': '3' }, undefined, NOW, 500)).toBe(3_000);
    const past = 'Sun, 29 Nov 2026 11:59:58 GMT';
    expect(retryAfterMs({ 'retry-after': past }, undefined, NOW, 500)).toBe(-2_000);
    expect(retryAfterMs({ 'retry-after': 'whenever' }, undefined, NOW, 500)).toBeUndefined();
  });

  it('reads x-should-retry only as true or false', () => {
    expect(serverShouldRetry(new Headers({ 'x-should-retry': 'true' }))).toBe(true);
    expect(serverShouldRetry({ 'x-should-retry': 'false' })).toBe(false);
    expect(serverShouldRetry({ 'x-should-retry': 'TRUE' })).toBeUndefined();
    expect(serverShouldRetry(undefined)).toBeUndefined();
  });

  it('reads rate-limit reset headers for a 429, the soonest one', () => {
    const h = { 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '6m0s' };
    expect(retryAfterMs(h, undefined, NOW, 429)).toBe(1_000);
    const a = { 'anthropic-ratelimit-requests-reset': '2026-11-29T12:00:05Z' };
    expect(retryAfterMs(a, undefined, NOW, 429)).toBe(5_000);
  });

  it('ignores reset headers on other statuses: they say nothing about a 500 or a 529', () => {
    const h = { 'x-ratelimit-reset-requests': '2ms' };
    expect(retryAfterMs(h, undefined, NOW, 500)).toBeUndefined();
    expect(retryAfterMs({ ...h, 'retry-after': '1' }, undefined, NOW, 529)).toBe(1_000);
  });

  it("reads Gemini's RetryInfo from the error body", () => {
    const body = {
      error: { details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '19s' }] },
    };
    expect(retryAfterMs(undefined, body, NOW, 429)).toBe(19_000);
  });

  it('parses Go and protobuf durations', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDuration('12ms')).toBe(12);
    expect(parseGoDuration('soon')).toBeUndefined();
    expect(parseProtoDuration('0.5s')).toBe(500);
  });
});
