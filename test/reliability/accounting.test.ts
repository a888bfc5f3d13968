import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/src/scenarios/load';
import { getJson, sql, startTestStack } from '../helpers';
import { finished, waitFor } from './support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

const MODEL = 'gpt-4o-mini';
const LIMIT_RPM = 300;
const RUN_MS = 24_000;

/**
 * A sustained run at twice a (lowered) published rate limit, through the real driver, client, mock
 * and chDB: every scheduled request must be a `load_request` span in the store or a counted drop,
 * and the report must say the counts reconcile.
 */
describe('accounting at 2x a rate limit', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it('accounts for every scheduled request exactly, in the store and in the report', async () => {
    const mockUrl = stack.mock?.server.url as string;
    const scenario = parseScenario({
      name: 'reliability-2x-limit',
      description: 'direct calls at 600 RPM against a 300 RPM limit',
      mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: MODEL, maxTokens: 32 }],
      mock: { profile: 'ideal', timeScale: 0, rateLimits: { [`openai/${MODEL}`]: { rpm: LIMIT_RPM } } },
      startRate: 2 * LIMIT_RPM,
      stages: [{ duration: `${RUN_MS / 1000}s`, target: 2 * LIMIT_RPM }],
      warmup: '2s',
      maxInFlight: 60,
    });
    const run = stack.runs.manager.start({ scenario });
    // The run starts from a full bucket (its start resets the mock's limiter): a full bucket at 2x
    // its rate takes 60 s to run dry, longer than this test may last, so it is emptied once the run
    // is under way (its first tick comes after the reset).
    await waitFor('the first tick', () => run.lastTick, { timeoutMs: 20_000, everyMs: 20 });
    const drain = await Promise.all(
      Array.from({ length: LIMIT_RPM + 20 }, () =>
        fetch(`${mockUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer harness-tenant' },
          body: JSON.stringify({ model: MODEL, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
        }).then((r) => r.status),
      ),
    );
    expect(drain).toContain(429);
    const result = await finished(run);
    const runId = run.info.runId;
    const totals = result.summary.totals;
    expect(totals.scheduled).toBe((2 * LIMIT_RPM * RUN_MS) / 60_000);
    expect(result.summary.errorsByClass).not.toHaveProperty('unknown');

    await stack.tracing.provider.forceFlush();
    await stack.mock?.flush();
    await stack.spans.flush();
    const report = await getJson(`${stack.url}/api/runs/${runId}/report`);
    expect(report.status).toBe('completed');
    expect(report.accounting.identityHolds).toBe(true);
    expect(report.store.reconciled).toBe(true);
    // Span by span: every request the driver finished or dropped is one row with its outcome.
    const [row] = await sql(
      stack,
      `SELECT count() AS n,
              countIf(SpanAttributes['harness.outcome'] = 'ok') AS ok,
              countIf(SpanAttributes['harness.outcome'] = 'error') AS errors,
              countIf(SpanAttributes['harness.outcome'] = 'dropped') AS dropped,
              uniqExact(SpanAttributes['harness.schedule.index']) AS distinct_indexes
       FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'`,
    );
    expect({
      n: Number(row?.n),
      ok: Number(row?.ok),
      errors: Number(row?.errors),
      dropped: Number(row?.dropped),
      distinct: Number(row?.distinct_indexes),
    }).toEqual({
      n: totals.scheduled - totals.notStarted - totals.inFlightAtStop,
      ok: totals.ok,
      errors: totals.errors,
      dropped: totals.dropped,
      distinct: totals.scheduled - totals.notStarted - totals.inFlightAtStop,
    });
    expect(totals.ok + totals.errors + totals.dropped + totals.inFlightAtStop + totals.notStarted).toBe(
      totals.scheduled,
    );
    // The mock's ground truth saw the 429s the client reports.
    expect(report.fidelity.injected.rate_limit ?? 0).toBeGreaterThan(0);
    expect(report.fidelity.observed.rate_limit).toBe(report.fidelity.injected.rate_limit);
    const health = await getJson(`${stack.url}/api/health`);
    expect(health.spans.dropped).toBe(0);

    const md = await (await fetch(`${stack.url}/api/runs/${runId}/report?format=md`)).text();
    expect(md).toMatch(/: reconciled\./);
    expect(md).not.toContain('NOT reconciled');
    expect(md).toContain('holds');
  }, 80_000);
});
