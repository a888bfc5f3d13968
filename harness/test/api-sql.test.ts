import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/server/app';
import { insertSpanRows } from '../src/store/clickhouse-insert';
import { createSpanWriter } from '../src/store/span-writer';
import { postJson, serve } from './helpers/http';
import { openTestStore, STORE_MODE } from './helpers/test-store';

describe(`POST /api/sql and GET /api/health (${STORE_MODE} store)`, () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let api: Awaited<ReturnType<typeof serve>>;
  const token = 'test-token-0123456789abcdef';
  const auth = { authorization: `Bearer ${token}` };

  beforeAll(async () => {
    store = await openTestStore();
    const spans = createSpanWriter(insertSpanRows(store));
    const app = createApp({
      store,
      spans,
      version: 'test',
      token,
      sqlLimits: { maxExecutionSeconds: 2, maxRows: 5, maxResultBytes: 1 << 20, maxMemoryBytes: 1 << 30 },
      log: () => {},
    });
    api = await serve(app);
  });
  afterAll(async () => {
    await api?.close();
    await store?.dispose();
  });

  it('answers read-only SQL with columns and rows', async () => {
    const r = await postJson(`${api.url}/api/sql`, { query: 'SELECT number AS n FROM numbers(3)' }, auth);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ columns: [{ name: 'n', type: 'UInt64' }], rowCount: 3, truncated: false });
    expect(r.body.rows.map((x: { n: string }) => Number(x.n))).toEqual([0, 1, 2]);
  });

  it('refuses a FORMAT clause by name (the answer is always JSON), but not the word in a string', async () => {
    const r = await postJson(`${api.url}/api/sql`, { query: 'SELECT 1 AS one FORMAT JSONCompact' }, auth);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/FORMAT JSONCompact is not allowed: the answer is always JSON/);
    const ok = await postJson(`${api.url}/api/sql`, { query: "SELECT 'x FORMAT CSV' AS s" }, auth);
    expect(ok.status).toBe(200);
    expect(ok.body.rows).toEqual([{ s: 'x FORMAT CSV' }]);
  });

  it('cuts results at the row limit and says so', async () => {
    const r = await postJson(`${api.url}/api/sql`, { query: 'SELECT number FROM numbers(100)' }, auth);
    expect(r.body).toMatchObject({ rowCount: 5, truncated: true });
  });

  it.each([
    ['a write', 'INSERT INTO otel_traces (SpanName) VALUES (1)'],
    ['DDL', 'DROP TABLE otel_traces'],
    ['a second statement', 'SELECT 1; DROP TABLE otel_traces'],
    ['a subquery escape', 'SELECT 1) ; DROP TABLE otel_traces; SELECT (1'],
    ['a local file read', "SELECT * FROM file('/etc/passwd', 'LineAsString')"],
    ['garbage', 'SELEKT nothing'],
  ])('refuses %s with a 400 naming the problem', async (_what, query) => {
    const r = await postJson(`${api.url}/api/sql`, { query }, auth);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('sql_rejected');
    expect(r.body.error.message.length).toBeGreaterThan(5);
    const still = await postJson(
      `${api.url}/api/sql`,
      { query: 'SELECT count() AS c FROM otel_traces' },
      auth,
    );
    expect(still.status).toBe(200);
  });

  it('stops a query at the execution-time limit', async () => {
    const r = await postJson(
      `${api.url}/api/sql`,
      { query: 'SELECT sleepEachRow(0.5) FROM numbers(10) SETTINGS max_block_size = 1' },
      auth,
    );
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/timeout|time/i);
  });

  it('keeps the store writable after read-only queries (settings do not stick to the session)', async () => {
    await store.client.insert({
      table: 'harness_migrations',
      values: [{ id: 'probe' }],
      format: 'JSONEachRow',
    });
  });

  it('rejects malformed bodies, missing fields and unknown routes with JSON errors', async () => {
    expect((await postJson(`${api.url}/api/sql`, '{"query":', auth)).status).toBe(400);
    const missing = await postJson(`${api.url}/api/sql`, {}, auth);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/query/);
    const res = await fetch(`${api.url}/api/nope`, { headers: auth });
    expect(res.status).toBe(404);
  });

  it('requires the bearer token when one is configured', async () => {
    expect((await postJson(`${api.url}/api/sql`, { query: 'SELECT 1' })).status).toBe(401);
    expect(
      (await postJson(`${api.url}/api/sql`, { query: 'SELECT 1' }, { authorization: 'Bearer wrong' })).status,
    ).toBe(401);
  });

  it('reports store mode, version and span counters on /api/health', async () => {
    const res = await fetch(`${api.url}/api/health`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      store: STORE_MODE,
      version: 'test',
      spans: { exported: 0, dropped: 0, retried: 0 },
    });
  });
});
