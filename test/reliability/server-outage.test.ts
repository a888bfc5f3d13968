import { execSync } from 'node:child_process';
import path from 'node:path';
import { createClient } from '@clickhouse/client';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../harness/src/stack';
import { storeConfigFromEnv } from '../../harness/src/store/config';
import { post, testConfig } from '../helpers';
import { waitFor } from './support';

/**
 * A real ClickHouse server stopped for a minute while calls go on, then started again: every span
 * accepted meanwhile reaches the server. Needs the server and a way to stop it, so it only runs when
 * asked (README, "Reliability and security"):
 *
 *   docker compose up -d clickhouse
 *   CLICKHOUSE_URL=http://harness:harness@127.0.0.1:8123/harness HARNESS_OUTAGE_TEST=1 \
 *     npx vitest run test/reliability/server-outage.test.ts
 *
 * `CLICKHOUSE_STOP_CMD` / `CLICKHOUSE_START_CMD` (default `docker compose stop|start clickhouse`)
 * and `OUTAGE_SECONDS` (default 60) adapt it to another setup.
 */
const enabled = Boolean(process.env.CLICKHOUSE_URL && process.env.HARNESS_OUTAGE_TEST);
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 60) * 1000;
const STOP = process.env.CLICKHOUSE_STOP_CMD ?? 'docker compose stop clickhouse';
const START = process.env.CLICKHOUSE_START_CMD ?? 'docker compose start clickhouse';

describe.skipIf(!enabled)('ClickHouse server outage', () => {
  let stack: Stack;
  let database: string;
  const base = enabled ? storeConfigFromEnv() : undefined;
  const admin = () => {
    if (base?.mode !== 'server') throw new Error('CLICKHOUSE_URL must name a server');
    return createClient({
      url: base.url,
      ...(base.username ? { username: base.username } : {}),
      ...(base.password ? { password: base.password } : {}),
    });
  };

  beforeAll(async () => {
    if (base?.mode !== 'server') throw new Error('CLICKHOUSE_URL must name a server');
    database = `harness_outage_${process.pid}_${Date.now()}`;
    const a = admin();
    await a.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    await a.close();
    stack = await startStack({
      config: testConfig(),
      store: { ...base, database },
      log: pino({ level: 'silent' }),
      logDir: path.join(process.cwd(), 'data', 'logs'),
      spanWriter: { maxBackoffMs: 2_000 },
    });
  });
  afterAll(async () => {
    await stack?.close();
    const a = admin();
    await a.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => {});
    await a.close();
  });

  it(
    'keeps every span through a one-minute stop of the server and writes them all on recovery',
    async () => {
      execSync(STOP, { stdio: 'inherit' });
      let calls = 0;
      try {
        const until = Date.now() + OUTAGE_MS;
        while (Date.now() < until) {
          const r = await post(`${stack.url}/api/invoke/direct`, {
            provider: 'openai',
            model: 'gpt-4o-mini',
          });
          expect(r.body.ok).toBe(true);
          calls++;
          await new Promise((res) => setTimeout(res, 250));
        }
        await stack.tracing.provider.forceFlush().catch(() => {});
        await stack.mock?.flush().catch(() => {});
        const down = stack.spans.stats();
        expect(down.consecutiveFailures).toBeGreaterThan(0);
        expect(down.dropped).toBe(0);
        expect(down.queued).toBeGreaterThan(0);
      } finally {
        execSync(START, { stdio: 'inherit' });
      }
      await waitFor('the writer to catch up', () => stack.spans.stats().queued === 0, { timeoutMs: 60_000 });
      const s = stack.spans.stats();
      expect(calls).toBeGreaterThan(0);
      expect(s).toMatchObject({ dropped: 0, exported: s.received });
      const r = await stack.store.client.query({
        query: 'SELECT count() AS n FROM otel_traces',
        format: 'JSONEachRow',
      });
      const [row] = await r.json<{ n: string }>();
      expect(Number(row?.n)).toBe(s.exported);
    },
    OUTAGE_MS + 120_000,
  );
});
