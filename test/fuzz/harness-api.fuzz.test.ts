import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../helpers';
import { type FuzzBody, fuzzBodies, parsed, send } from './bodies';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);

/** The API's one error shape. */
function expectApiError(text: string, where: string) {
  const body = parsed(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, where).toBe('string');
  expect(typeof body.error?.message, where).toBe('string');
}

const where = (path: string, body: FuzzBody) => `${path} (${body.kind}): ${String(body.body).slice(0, 200)}`;

describe('fuzzing the harness API and the OTLP receiver', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  const stillServing = async () => {
    const r = await send(`${stack.url}/api/sql`, {
      body: { kind: 'valid', body: '{"query":"SELECT 1 AS one"}', contentType: 'application/json' },
    });
    expect(r.status).toBe(200);
  };

  it('POST /api/invoke/:pattern: 4xx in the API shape or a 200 outcome, never a 5xx or a hang', async () => {
    const valid = {
      provider: 'openai',
      model: 'gpt-4o-mini',
      input: 'hello',
      maxTokens: 16,
      fallback: { provider: 'anthropic', model: 'claude-3-5-haiku-20241022' },
    };
    const pattern = fc.constantFrom(
      'direct',
      'streaming',
      'rag',
      'agent',
      'batch',
      'nope',
      '%20',
      'direct%00',
    );
    await fc.assert(
      fc.asyncProperty(pattern, fuzzBodies(valid), async (p, body) => {
        const path = `/api/invoke/${p}`;
        const r = await send(`${stack.url}${path}`, { body, headers: { 'x-run-id': 'fuzz' } }, 20_000);
        expect(r.status, where(path, body)).toBeLessThan(500);
        if (r.status >= 400) expectApiError(r.text, where(path, body));
        else expect((parsed(r.text) as { ok: unknown }).ok, where(path, body)).toBeTypeOf('boolean');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await stillServing();
  }, 80_000);

  it('POST /api/runs: 4xx in the API shape, or 202 for a valid start', async () => {
    const valid = { scenario: 'smoke', rate: '60/m', duration: '1s' };
    await fc.assert(
      fc.asyncProperty(fuzzBodies(valid), async (body) => {
        const r = await send(`${stack.url}/api/runs`, { body });
        expect(r.status, where('/api/runs', body)).toBeLessThan(500);
        if (r.status >= 400) expectApiError(r.text, where('/api/runs', body));
        else expect(r.status, where('/api/runs', body)).toBe(202);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await stack.runs.manager.stopAll();
    await stillServing();
  }, 60_000);

  it('POST /api/sql: 400 naming the problem, or rows; never a 5xx', async () => {
    const sqlish = fc
      .array(
        fc.constantFrom(
          'SELECT',
          'WITH',
          '1',
          '*',
          'FROM',
          'otel_traces',
          'numbers(10)',
          'WHERE',
          '(',
          ')',
          ',',
          ';',
          "'x'",
          'INSERT',
          'SETTINGS',
          'readonly = 0',
          'FORMAT JSON',
          '--',
          '/*',
          '\\',
          'file(',
          'LIMIT 1',
          'UNION ALL',
          '`',
          '"',
        ),
        { maxLength: 12 },
      )
      .map((ws) => ws.join(' '));
    const bodies = fc.oneof(
      fuzzBodies({ query: 'SELECT count() FROM otel_traces' }),
      fc.oneof(sqlish, fc.string({ maxLength: 200 })).map((q) => ({
        kind: 'random query',
        body: JSON.stringify({ query: q }),
        contentType: 'application/json',
      })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const r = await send(`${stack.url}/api/sql`, { body });
        expect(r.status, where('/api/sql', body)).toBeLessThan(500);
        if (r.status >= 400) expectApiError(r.text, where('/api/sql', body));
        else expect(Array.isArray((parsed(r.text) as { rows: unknown }).rows)).toBe(true);
      }),
      { numRuns: 2 * RUNS, seed: SEED },
    );
    await stillServing();
  }, 60_000);

  it('POST /v1/traces: 4xx with a google.rpc.Status (or 200), never a 5xx; the writer keeps counting', async () => {
    const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
    const valid = {
      resourceSpans: [
        {
          resource: { attributes: [str('service.name', 'fuzz')] },
          scopeSpans: [
            {
              scope: { name: 's', version: '1' },
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  parentSpanId: 'eee19b7ec3c1b173',
                  name: 'op',
                  kind: 2,
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000100000000',
                  attributes: [str('a', 'b'), { key: 'n', value: { intValue: '5' } }],
                  events: [{ timeUnixNano: '1700000000050000000', name: 'e', attributes: [] }],
                  links: [{ traceId: '5b8efff798038103d269b633813fc60d', spanId: 'eee19b7ec3c1b175' }],
                  status: { code: 2, message: 'boom' },
                },
              ],
            },
          ],
        },
      ],
    };
    const protobuf = fc.uint8Array({ maxLength: 2048 }).map((b) => ({
      kind: 'random protobuf',
      body: b,
      contentType: 'application/x-protobuf',
    }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fuzzBodies(valid), protobuf), async (body) => {
        const r = await send(stack.otlp.url, { body });
        expect(r.status, where('/v1/traces', body)).toBeLessThan(500);
        if (r.status >= 400 && r.contentType.includes('json'))
          expect(typeof (parsed(r.text) as { message?: unknown }).message, where('/v1/traces', body)).toBe(
            'string',
          );
      }),
      { numRuns: 2 * RUNS, seed: SEED },
    );
    await stack.spans.flush();
    const s = stack.spans.stats();
    expect(s.exported + s.dropped + s.queued).toBe(s.received);
    expect(s.consecutiveFailures).toBe(0);
    const ok = await send(stack.otlp.url, {
      body: { kind: 'valid', body: JSON.stringify(valid), contentType: 'application/json' },
    });
    expect(ok.status).toBe(200);
  }, 60_000);

  it('a span the store refuses (unset time, lone surrogate) does not block the spans behind it', async () => {
    await stack.spans.flush();
    const before = stack.spans.stats();
    const span = (name: string, start: string) => ({
      traceId: '6b8efff798038103d269b633813fc60c',
      spanId: 'aee19b7ec3c1b174',
      name,
      startTimeUnixNano: start,
      endTimeUnixNano: start,
    });
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'poison-check' } }] },
          scopeSpans: [
            {
              spans: [
                span('unset-time', '0'),
                span('past-2262', '18446744073709551615'),
                span('cut \\ud800 surrogate', '1700000000000000000'),
                span('good', '1700000000000000001'),
              ],
            },
          ],
        },
      ],
    }).replace('\\\\ud800', '\\ud800');
    const r = await send(stack.otlp.url, { body: { kind: 'poison', body, contentType: 'application/json' } });
    expect(r.status).toBe(200);
    await stack.spans.flush();
    const after = stack.spans.stats();
    expect(after.consecutiveFailures).toBe(0);
    expect(after.exported - before.exported + after.dropped - before.dropped).toBe(4);
    const rows = await send(`${stack.url}/api/sql`, {
      body: {
        kind: 'valid',
        body: JSON.stringify({
          query: "SELECT SpanName FROM otel_traces WHERE ServiceName = 'poison-check' ORDER BY SpanName",
        }),
        contentType: 'application/json',
      },
    });
    const names = (parsed(rows.text) as { rows: { SpanName: string }[] }).rows.map((x) => x.SpanName);
    expect(names).toContain('good');
    expect(names.some((n) => n.startsWith('cut '))).toBe(true);
  });
});
