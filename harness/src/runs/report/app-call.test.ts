import { describe, expect, it } from 'vitest';
import { callOf, type TraceSpan } from './app-call';

/** A mock ground-truth span of a streamed chat call. */
const span = (attrs: Partial<TraceSpan['attrs']>): TraceSpan => ({
  traceId: 't',
  service: 'mock-providers',
  kind: 'SERVER',
  name: 'POST /v1/chat/completions',
  startMs: 0,
  durationMs: 100,
  attrs: { httpStatus: '200', model: 'gpt-4o-mini', inputTokens: 10, outputTokens: 5, ...attrs },
});

describe('one provider call', () => {
  it('a stall the app waited out to the end delivered the whole answer: not a failed call', () => {
    const c = callOf(span({ faultKind: 'sse_stall', streamOutcome: 'complete' }));
    expect([c.failed, c.delivered, c.fault]).toEqual([false, true, 'sse_stall']);
  });
  it('a stall the app gave up on, a dropped stream and a 429 are failed calls, none delivered', () => {
    for (const attrs of [
      { faultKind: 'sse_stall', streamOutcome: 'cancelled' },
      { faultKind: 'sse_drop', streamOutcome: 'dropped' },
      { faultKind: 'rate_limit', httpStatus: '429' },
    ]) {
      const c = callOf(span(attrs));
      expect([c.failed, c.delivered], JSON.stringify(attrs)).toEqual([true, false]);
    }
  });
  it('a clean answer is delivered and not failed', () => {
    const c = callOf(span({ streamOutcome: 'complete' }));
    expect([c.failed, c.delivered]).toEqual([false, true]);
  });
});
