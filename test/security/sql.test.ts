import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../harness/src/server/app';
import { post, startTestStack } from '../helpers';
import { findSqlInterpolations } from './sql-interpolation';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/**
 * Every interpolation into SQL text in harness/src, reviewed. Anything not listed here fails the
 * test until someone checks that only internal constants (never request data) are spliced in.
 */
const REVIEWED: Record<string, string> = {
  // A sentence in an error message that shows the user a query to type; no SQL is run.
  'cli/report-command.ts runId': 'error message text, not a query',
  // Filters are constant fragments with bound {params}; only the fragments are joined.
  "queries/traces.ts where.join(' AND ')": 'constant fragments; values travel as query_params',
  "queries/span-search.ts where.join(' AND ')": 'constant fragments; values travel as query_params',
  "queries/span-search.ts where.length ? `WHERE ${where.join(' AND ')}` : ''": 'the same constant fragments',
  // The run's request detail: constant fragments around a bound {run:String}.
  'runs/report/request-detail.ts source': "'driver' or 'invoke', chosen by a ternary in code",
  'runs/report/request-detail.ts base': 'a constant FROM/WHERE fragment with a bound {run:String}',
  'runs/report/request-detail.ts sec': 'a constant expression built from that fragment',
  "runs/report/request-detail.ts CDF_LEVELS.join(',')": 'numbers from a constant array',
  'runs/report/request-detail.ts NOTABLE_PER_PATTERN': 'a numeric constant',
  'runs/registry.ts COLUMNS': 'a constant column list',
  'runs/report/run-facts.ts RUN_SPANS': 'a constant subquery with a bound {run:String}',
  'runs/report/run-facts.ts IN_RUN_TRACES': 'a constant condition with a bound {run:String}',
  'runs/report/run-facts.ts ALL_RUN_TRACES': 'a constant condition with a bound {run:String}',
  // /api/sql itself: the user's query, re-printed by ClickHouse's own parser after it proved to be
  // exactly one SELECT/WITH statement, runs as a subquery under readonly=1 (tested below).
  'store/read-only-sql.ts formatted': 'the read-only SQL endpoint, by design',
  'store/read-only-sql.ts limits.maxRows + 1': 'numbers from SqlLimits (code, not requests)',
  'store/read-only-sql.ts limits.maxExecutionSeconds': 'numbers from SqlLimits',
  'store/read-only-sql.ts limits.maxResultBytes': 'numbers from SqlLimits',
  'store/read-only-sql.ts limits.maxMemoryBytes': 'numbers from SqlLimits',
  'store/read-only-sql.ts settings': 'the same limits, as a constant-built SETTINGS list',
};

describe('SQL safety', () => {
  let stack: TestStack;
  let limited: Server;
  let limitedUrl: string;
  const outDir = mkdtempSync(path.join(tmpdir(), 'sql-out-'));
  beforeAll(async () => {
    stack = await startTestStack();
    // The same API with tight limits, to see them bite without a slow query.
    const app = createApp({
      store: stack.store,
      spans: stack.spans,
      version: 'test',
      token: undefined,
      sqlLimits: {
        maxExecutionSeconds: 1,
        maxRows: 5,
        maxResultBytes: 64 * 1024,
        maxMemoryBytes: 256 * 1024 * 1024,
      },
    });
    limited = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    limitedUrl = `http://127.0.0.1:${(limited.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    limited?.closeAllConnections();
    await new Promise<void>((r) => (limited ? limited.close(() => r()) : r()));
    await stack?.dispose();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('splices only reviewed, internal values into SQL anywhere in harness/src', () => {
    const found = findSqlInterpolations(path.resolve(import.meta.dirname, '../../harness/src'));
    expect(found.length).toBeGreaterThan(0);
    const unreviewed = found.filter((f) => !Object.hasOwn(REVIEWED, `${f.file} ${f.expression}`));
    expect(unreviewed, 'new interpolation into SQL: bind it as a {param:Type} or review it here').toEqual([]);
  });

  const refused: Array<[string, string]> = [
    ['INSERT', "INSERT INTO harness_runs (run_id) VALUES ('x')"],
    ['CREATE', 'CREATE TABLE evil (x UInt8) ENGINE = Memory'],
    ['DROP', 'DROP TABLE otel_traces'],
    ['ALTER', 'ALTER TABLE otel_traces DELETE WHERE 1'],
    ['TRUNCATE', 'TRUNCATE TABLE otel_traces'],
    ['RENAME', 'RENAME TABLE otel_traces TO x'],
    ['SYSTEM', 'SYSTEM FLUSH LOGS'],
    ['SET', 'SET readonly = 0'],
    ['multi-statement', 'SELECT 1; DROP TABLE otel_traces'],
    ['multi-statement after a comment', 'SELECT 1 -- x\n; INSERT INTO harness_runs (run_id) VALUES (1)'],
    ['file()', "SELECT * FROM file('/etc/passwd', 'LineAsString')"],
    ['url()', "SELECT * FROM url('http://127.0.0.1:1/', 'LineAsString')"],
    ['remote()', "SELECT * FROM remote('127.0.0.1:9000', system.one)"],
    ['INTO OUTFILE', `SELECT 1 INTO OUTFILE '${path.join(outDir, 'x.txt')}'`],
    ['settings override', 'SELECT 1 SETTINGS readonly = 0'],
    ['limit override', 'SELECT 1 SETTINGS max_execution_time = 100000'],
    ['limit override in a subquery', 'SELECT * FROM (SELECT 1 SETTINGS max_memory_usage = 0)'],
    ['subquery breakout', 'SELECT 1) UNION ALL (SELECT name FROM system.tables'],
    ['empty', '   '],
  ];
  it.each(refused)('refuses %s', async (_what, query) => {
    const r = await post(`${stack.url}/api/sql`, { query });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toMatch(/^(sql_rejected|invalid_request)$/);
    expect(typeof r.body.error.message).toBe('string');
  });

  it('left the store untouched by the refused statements', async () => {
    const r = await post(`${stack.url}/api/sql`, {
      query: "SELECT count() AS n FROM system.tables WHERE name = 'evil'",
    });
    expect(r.body.rows[0].n).toBe('0');
    const t = await post(`${stack.url}/api/sql`, { query: 'SELECT count() AS n FROM otel_traces' });
    expect(t.status).toBe(200);
    expect(existsSync(path.join(outDir, 'x.txt'))).toBe(false);
  });

  it('answers a read-only query', async () => {
    const r = await post(`${stack.url}/api/sql`, { query: 'WITH 2 AS x SELECT x * 21 AS answer' });
    expect(r.status).toBe(200);
    expect(r.body.rows).toEqual([{ answer: 42 }]);
    // `settings` as a table name or inside a string is not a SETTINGS clause.
    const t = await post(`${stack.url}/api/sql`, {
      query: "SELECT name, 'SETTINGS readonly = 0' AS s FROM system.settings WHERE name = 'readonly'",
    });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    expect(t.body.rows).toEqual([{ name: 'readonly', s: 'SETTINGS readonly = 0' }]);
  });

  it('cuts rows at the row limit and says so', async () => {
    const r = await post(`${limitedUrl}/api/sql`, { query: 'SELECT number FROM numbers(100)' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rowCount: 5, truncated: true });
  });

  it('stops a query at the execution-time limit', async () => {
    const started = Date.now();
    const r = await post(`${limitedUrl}/api/sql`, {
      query: 'SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) = 7',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/TIMEOUT_EXCEEDED|Timeout exceeded|time limit/i);
    expect(Date.now() - started).toBeLessThan(8_000);
    // A query cut short leaves nothing behind that a later query could read as its own answer.
    const next = await post(`${stack.url}/api/sql`, { query: 'SELECT 7 AS seven' });
    expect(next.body).toMatchObject({ columns: [{ name: 'seven', type: 'UInt8' }], rows: [{ seven: 7 }] });
  }, 20_000);

  it('refuses a result over the size limit', async () => {
    const r = await post(`${limitedUrl}/api/sql`, {
      query: "SELECT repeat('x', 100000) AS big FROM numbers(3)",
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/TOO_MANY_ROWS_OR_BYTES|Limit for result exceeded/i);
    const next = await post(`${stack.url}/api/sql`, { query: "SELECT 'after' AS a" });
    expect(next.body.rows).toEqual([{ a: 'after' }]);
  });
});
