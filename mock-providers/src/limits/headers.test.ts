import { describe, expect, it } from 'vitest';
import { goDuration, rateLimitHeaders } from './headers';

describe('rate-limit headers', () => {
  it('formats resets as Go durations the way OpenAI sends them', () => {
    expect([0, 12, 999.2, 1000, 1500, 60_000, 360_000, 3_723_500].map(goDuration)).toEqual([
      '0s',
      '12ms',
      '1s',
      '1s',
      '1.5s',
      '1m0s',
      '6m0s',
      '1h2m3.5s',
    ]);
  });

  it('renders Anthropic buckets with RFC 3339 resets and tokens = the most restrictive bucket', () => {
    const h = rateLimitHeaders(
      'anthropic',
      [
        { kind: 'requests', limit: 50, remaining: 49, resetMs: 1200 },
        { kind: 'input_tokens', limit: 1000, remaining: 900, resetMs: 6000 },
        { kind: 'output_tokens', limit: 100, remaining: 10, resetMs: 54_000 },
      ],
      Date.parse('2025-08-21T12:40:00Z'),
    );
    expect(h['anthropic-ratelimit-requests-reset']).toBe('2025-08-21T12:40:02Z');
    expect(h['anthropic-ratelimit-output-tokens-remaining']).toBe('10');
    expect(h['anthropic-ratelimit-tokens-limit']).toBe('100');
    expect(h['anthropic-ratelimit-tokens-reset']).toBe('2025-08-21T12:40:54Z');
    expect(rateLimitHeaders('gemini', [{ kind: 'requests', limit: 1, remaining: 0, resetMs: 1 }], 0)).toEqual(
      {},
    );
  });
});
