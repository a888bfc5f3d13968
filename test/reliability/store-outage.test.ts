import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerToClientEvents } from '../../harness/src/contracts/live';
import { parseScenario } from '../../harness/src/scenarios/load';
import { type Stack, startStack } from '../../harness/src/stack';
import type { SpanWriterStats } from '../../harness/src/store/span-writer';
import { getJson, post, testConfig } from '../helpers';
import { finished, waitFor } from './support';

type Health = Parameters<ServerToClientEvents['spans:health']>[0];

const QUEUE_ROWS = 400;

/**
 * The store refuses writes (its span table renamed away, so every real INSERT fails) while load
 * runs: spans wait in the bounded queue and reach the store once it is back; past the bound they
 * are dropped, and every drop is counted in /api/health and on the live `spans:health` event.
 */
describe('store outage', () => {
  let stack: Stack;
  let dir: string;
  let socket: Socket<ServerToClientEvents>;
  const health: Health[] = [];
  const stats = () => stack.spans.stats();
  const tracesTable = async (to: 'away' | 'back') =>
    stack.store.client.command({
      query:
        to === 'away'
          ? 'RENAME TABLE otel_traces TO otel_traces_away'
          : 'RENAME TABLE otel_traces_away TO otel_traces',
    });
  const storedSpans = async () => {
    const r = await stack.store.client.query({
      query: 'SELECT count() AS n FROM otel_traces',
      format: 'JSONEachRow',
    });
    const [row] = await r.json<{ n: string }>();
    return Number(row?.n);
  };
  /** Flush the SDK processors too, so nothing sits upstream of the writer (a full queue fails the flush). */
  const flushAll = async () => {
    await stack.tracing.provider.forceFlush().catch(() => {});
    await stack.mock?.flush().catch(() => {});
  };
  const balanced = (s: Pick<SpanWriterStats, 'received' | 'exported' | 'dropped' | 'queued'>) =>
    s.exported + s.dropped + s.queued === s.received;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'outage-'));
    stack = await startStack({
      config: testConfig({ spanQueueRows: QUEUE_ROWS }),
      store: { mode: 'embedded', dataDir: dir },
      log: pino({ level: 'silent' }),
      logDir: path.join(dir, 'logs'),
      spanWriter: { initialBackoffMs: 20, maxBackoffMs: 250 },
    });
    socket = connect(stack.url, { transports: ['websocket'] });
    socket.on('spans:health', (h) => health.push(h));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  });
  afterAll(async () => {
    socket?.close();
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('buffers spans while inserts fail and writes every one of them once the store is back', async () => {
    await flushAll();
    await stack.spans.flush();
    const before = stats();
    expect(before.dropped).toBe(0);

    await tracesTable('away');
    const scenario = parseScenario({
      name: 'reliability-outage',
      description: 'direct calls while the store refuses writes',
      mix: [{ pattern: 'direct', weight: 1, provider: 'openai', model: 'gpt-4o-mini', maxTokens: 16 }],
      mock: { timeScale: 0 },
      startRate: 600,
      stages: [{ duration: '4s', target: 600 }],
      maxInFlight: 100,
    });
    const result = await finished(stack.runs.manager.start({ scenario }));
    expect(result.summary.totals.ok).toBe(40);
    await flushAll();
    const during = await waitFor('failed inserts to be retried', () => {
      const s = stats();
      return s.consecutiveFailures > 0 && s.queued > 0 ? s : undefined;
    });
    expect(during.dropped).toBe(0);
    expect(during.exported).toBe(before.exported);
    expect(balanced(during)).toBe(true);
    const down = await getJson(`${stack.url}/api/health`);
    expect(down.ok).toBe(false);
    expect(down.spans.lastError).toMatch(/otel_traces/);

    await tracesTable('back');
    await stack.spans.flush();
    const after = stats();
    expect(after).toMatchObject({ dropped: 0, queued: 0, consecutiveFailures: 0, exported: after.received });
    expect(await storedSpans()).toBe(after.exported);
    expect((await getJson(`${stack.url}/api/health`)).ok).toBe(true);
  }, 40_000);

  it('drops what overflows the bounded queue, and counts every drop in /api/health and on the socket', async () => {
    await flushAll();
    await stack.spans.flush();
    const before = stats();
    await tracesTable('away');
    try {
      // ~5 spans per call (invoke, call, attempt, the mock's server span): well past the bound.
      const answers = await Promise.all(
        Array.from({ length: 200 }, () =>
          post(`${stack.url}/api/invoke/direct`, { provider: 'openai', model: 'gpt-4o-mini', maxTokens: 8 }),
        ),
      );
      expect(answers.every((a) => a.status === 200 && a.body.ok === true)).toBe(true);
      await flushAll();
      const full = stats();
      expect(full.dropped).toBeGreaterThan(before.dropped);
      expect(full.queued).toBeLessThanOrEqual(QUEUE_ROWS);
      expect(balanced(full)).toBe(true);
      const h = await getJson(`${stack.url}/api/health`);
      expect(h.spans.dropped).toBeGreaterThan(0);
      expect(balanced(h.spans)).toBe(true);
      // Drops happen as rows arrive to a full queue, which can be before the first failed INSERT
      // has returned: wait for an event that shows both.
      const seen = await waitFor(
        'a spans:health event showing drops and the failing store',
        () => health.find((e) => e.dropped > 0 && e.consecutiveFailures > 0),
        { timeoutMs: 10_000 },
      );
      expect(balanced(seen)).toBe(true);
    } finally {
      await tracesTable('back');
    }
    await stack.spans.flush();
    const after = stats();
    expect(after.queued).toBe(0);
    expect(after.exported + after.dropped).toBe(after.received);
    expect(await storedSpans()).toBe(after.exported);
    // Every event the dashboard got balanced: nothing was ever unaccounted for.
    expect(health.length).toBeGreaterThan(0);
    expect(health.every(balanced)).toBe(true);
  }, 40_000);
});
