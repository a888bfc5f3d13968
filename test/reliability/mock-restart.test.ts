import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CLASSES } from '../../harness/src/client/error-class';
import { parseScenario } from '../../harness/src/scenarios/load';
import { getJson, startTestStack } from '../helpers';
import { type Child, finished, freePort, spawnHarness, waitFor, waitForChild } from './support';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/**
 * The provider goes away mid-run (a separately started `harness mock`, killed with SIGKILL) and
 * comes back on the same port: the client classifies what it saw, its breaker opens and then closes
 * again, and the run still accounts for every request. The run is long and is stopped once recovery is
 * seen, so a slow restart on a busy machine cannot outlast it (a breaker only closes on a call).
 */
describe('mock crash and restart mid-run', () => {
  let stack: TestStack;
  let mockPort: number;
  const mocks: Child[] = [];
  const startMock = async () => {
    const child = spawnHarness(['mock'], {
      MOCK_PORT: String(mockPort),
      MOCK_TIME_SCALE: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${stack.otlp.port}`,
    });
    mocks.push(child);
    await waitForChild(child, `http://127.0.0.1:${mockPort}/__admin/config`);
    return child;
  };

  beforeAll(async () => {
    mockPort = await freePort();
    stack = await startTestStack({ providerUrl: `http://127.0.0.1:${mockPort}` });
  });
  afterAll(async () => {
    for (const m of mocks) await m.kill();
    await stack?.dispose();
  });

  it('classifies the outage, opens and recovers the breaker, and keeps the accounting identity', async () => {
    const first = await startMock();
    const scenario = parseScenario({
      name: 'reliability-mock-restart',
      description: 'direct calls while the provider crashes and restarts',
      mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 16 }],
      mock: { timeScale: 0 },
      startRate: 300,
      stages: [{ duration: '120s', target: 300 }],
      maxInFlight: 200,
    });
    const states = new Set<string>();
    /** Breaker states in the order they were seen (consecutive repeats folded). */
    const sequence: string[] = [];
    const sample = setInterval(() => {
      for (const c of stack.clients.all().values())
        for (const s of Object.values(c.breakers.states())) {
          states.add(s);
          if (sequence.at(-1) !== s) sequence.push(s);
        }
    }, 25);
    try {
      const run = stack.runs.manager.start({ scenario });
      await waitFor('the first successes', () => (run.lastTick?.totals.ok ?? 0) >= 5, { timeoutMs: 10_000 });
      await first.kill('SIGKILL');
      await waitFor('the breaker to open', () => states.has('open'), { timeoutMs: 10_000, everyMs: 25 });
      await startMock();
      const okAtRestart = run.lastTick?.totals.ok ?? 0;
      // Open, then closed again while the run went on (half-open lasts one trial call, too short to sample).
      await waitFor(
        'the breaker to close again and calls to succeed',
        () =>
          sequence.slice(sequence.indexOf('open')).includes('closed') &&
          (run.lastTick?.totals.ok ?? 0) > okAtRestart,
        { timeoutMs: 60_000, everyMs: 50 },
      );
      stack.runs.manager.stop(run.info.runId);
      const result = await finished(run);

      const { totals, errorsByClass } = result.summary;
      const classes = Object.keys(errorsByClass);
      expect(classes.length).toBeGreaterThan(0);
      expect(classes).not.toContain('unknown');
      for (const c of classes) expect(ERROR_CLASSES).toContain(c);
      // Calls refused while the breaker was open say so (they are not retried into the outage).
      expect(errorsByClass.breaker_open ?? 0).toBeGreaterThan(0);
      expect(sequence.slice(sequence.indexOf('open'))).toContain('closed');
      // Requests after the recovery succeed again.
      expect(totals.ok).toBeGreaterThan(okAtRestart);

      expect(totals.ok + totals.errors + totals.dropped + totals.inFlightAtStop + totals.notStarted).toBe(
        totals.scheduled,
      );
      await stack.spans.flush();
      const report = await getJson(`${stack.url}/api/runs/${run.info.runId}/report`);
      expect(report.status).toBe('aborted');
      expect(report.accounting.identityHolds).toBe(true);
      expect(report.store.reconciled).toBe(true);
      // The attempts that hit the dead port were classified as network errors, none as unknown.
      expect(report.fidelity.observed.network ?? 0).toBeGreaterThan(0);
      expect(report.fidelity.observed).not.toHaveProperty('unknown');
    } finally {
      clearInterval(sample);
    }
  }, 150_000);
});
