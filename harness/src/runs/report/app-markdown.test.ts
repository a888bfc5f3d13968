import { describe, expect, it } from 'vitest';
import type { TraceSpan } from './app-call';
import { appMarkdown } from './app-markdown';
import { buildAppSection } from './app-section';

/** A trace of one app request: driver span, app span, and the mock's calls. */
function trace(
  id: string,
  t0: number,
  calls: { status: number; retry?: number; fault?: string }[],
): TraceSpan[] {
  return [
    {
      traceId: id,
      service: 'harness-driver',
      kind: 'Client',
      name: 'load_request direct',
      startMs: t0,
      durationMs: 300,
      attrs: { pattern: 'direct', outcome: 'ok' },
    },
    {
      traceId: id,
      service: 'my-app',
      kind: 'Server',
      name: 'POST /chat',
      startMs: t0 + 1,
      durationMs: 290,
      attrs: {},
    },
    ...calls.map((c, i) => ({
      traceId: id,
      service: 'mock-providers',
      kind: 'Server',
      name: 'POST /v1/chat/completions',
      startMs: t0 + 2 + i * 100,
      durationMs: 50,
      attrs: {
        httpStatus: String(c.status),
        model: 'gpt-4o-mini',
        inputTokens: 10,
        ...(c.retry === undefined ? {} : { retryCount: c.retry }),
        ...(c.fault ? { faultKind: c.fault } : {}),
      },
    })),
  ];
}

describe("the app section's Markdown", () => {
  const md = appMarkdown(
    buildAppSection([
      ...trace('a', 0, [
        { status: 429, retry: 0, fault: 'rate_limit' },
        { status: 200, retry: 1 },
      ]),
      ...trace('b', 1000, [{ status: 500, fault: 'server_error' }, { status: 200 }]),
    ]),
  ).join('\n\n');

  it('shows retries as total (SDK-reported + inferred) and states how many calls were numbered', () => {
    expect(md).toContain('retries (SDK-reported + inferred)');
    expect(md).toMatch(/\| 2 \(1 \+ 1\) \|/);
    expect(md).toContain('2 of 4 provider calls carried the SDK');
  });

  it('defines absorbed as recovered and degraded as a 2xx without recovery', () => {
    expect(md).toContain('absorbed (2xx, recovered)');
    expect(md).toMatch(/Degraded: a 2xx whose body broke off, or one the app completed with no successful/);
  });
});
