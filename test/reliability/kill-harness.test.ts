import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../harness/src/stack';
import { getJson, post, sql, testConfig } from '../helpers';
import { type Child, freePort, spawnHarness, waitFor, waitForChild } from './support';

const countRunSpans = (runId: string) =>
  `SELECT count() AS n FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'`;

/**
 * `kill -9` of a real `harness up` mid-run: the next harness on the same data folder marks the run
 * `aborted`, and every span the killed one had flushed is still there and queryable.
 */
describe('kill -9 of the harness mid-run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kill9-'));
  let child: Child | undefined;
  let next: Stack | undefined;
  afterAll(async () => {
    await child?.kill();
    await next?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks the run aborted on the next start, with its flushed spans intact', async () => {
    const [api, otlp, mock] = [await freePort(), await freePort(), await freePort()];
    child = spawnHarness(['up'], {
      HARNESS_DATA_DIR: dir,
      HARNESS_PORT: String(api),
      OTLP_PORT: String(otlp),
      MOCK_PORT: String(mock),
      MOCK_TIME_SCALE: '0',
    });
    const url = `http://127.0.0.1:${api}`;
    await waitForChild(child, `${url}/api/health`);
    const started = await post(`${url}/api/runs`, { scenario: 'smoke', rate: '600/m', duration: '2m' });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const runId = started.body.runId as string;

    // What the store already holds for the run is, by definition, flushed before the kill.
    const flushed = await waitFor(
      'spans of the run to reach the store',
      async () => {
        const [row] = await sql({ url } as Stack, countRunSpans(runId));
        const n = Number(row?.n);
        return n >= 40 ? n : undefined;
      },
      { timeoutMs: 30_000, everyMs: 250 },
    );
    const health = await getJson(`${url}/api/health`);
    expect(health.spans.exported).toBeGreaterThan(0);
    expect((await getJson(`${url}/api/runs/${runId}`)).run.status).toBe('running');

    child.proc.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');

    next = await startStack({
      config: testConfig(),
      store: { mode: 'embedded', dataDir: dir },
      log: pino({ level: 'silent' }),
      logDir: path.join(dir, 'logs'),
    });
    const run = (await getJson(`${next.url}/api/runs/${runId}`)).run;
    expect(run.status).toBe('aborted');
    expect(run.endedAt).not.toBeNull();
    const [after] = await sql(next, countRunSpans(runId));
    expect(Number(after?.n)).toBeGreaterThanOrEqual(flushed);
    // The spans are whole rows: each is a scheduled request with its outcome.
    const [outcomes] = await sql(
      next,
      `SELECT countIf(SpanAttributes['harness.outcome'] IN ('ok', 'error', 'dropped')) AS known, count() AS n
       FROM otel_traces WHERE SpanName LIKE 'load_request %' AND SpanAttributes['harness.run.id'] = '${runId}'`,
    );
    expect(outcomes?.known).toBe(outcomes?.n);
    // An aborted run without results answers its report with a clear 409, not a 500.
    const report = await fetch(`${next.url}/api/runs/${runId}/report`);
    expect(report.status).toBe(409);
    // And the new harness works on the same folder.
    const r = await post(`${next.url}/api/invoke/direct`, { provider: 'openai', model: 'gpt-4o-mini' });
    expect(r.body.ok).toBe(true);
  }, 85_000);
});
