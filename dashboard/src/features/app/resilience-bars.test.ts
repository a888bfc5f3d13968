import { describe, expect, it } from 'vitest';
import type { ResilienceRow } from './app-types';
import { absorbedShare, resilienceBars } from './resilience-bars';

const row = (over: Partial<ResilienceRow>): ResilienceRow => ({
  endpoint: 'POST /chat',
  fault: 'rate_limit',
  requests: 4,
  injectedCalls: 4,
  absorbed: 3,
  degraded: 0,
  surfaced: 1,
  absorbedExtraMsP50: 200,
  examples: { absorbed: ['a'], degraded: [], surfaced: ['b'] },
  ...over,
});

describe('resilience bars', () => {
  it('labels each bar by endpoint and fault and keeps the fates', () => {
    const bars = resilienceBars([row({}), row({ endpoint: 'POST /chat/stream', fault: 'sse_drop' })]);
    expect(bars.map((b) => b.label)).toEqual(['POST /chat · rate_limit', 'POST /chat/stream · sse_drop']);
    for (const b of bars) expect(b.absorbed + b.degraded + b.surfaced).toBe(b.requests);
  });

  it('gives the absorbed share, or null with nothing faulted', () => {
    expect(absorbedShare(row({}))).toBe(0.75);
    expect(absorbedShare(row({ requests: 0, absorbed: 0 }))).toBeNull();
  });
});
