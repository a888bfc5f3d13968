import type { Store } from './client';

/** Limits applied to every user query. */
export interface SqlLimits {
  maxExecutionSeconds: number;
  maxRows: number;
  maxResultBytes: number;
  maxMemoryBytes: number;
}

export const DEFAULT_SQL_LIMITS: SqlLimits = {
  maxExecutionSeconds: 10,
  maxRows: 10_000,
  maxResultBytes: 50 * 1024 * 1024,
  maxMemoryBytes: 2 * 1024 * 1024 * 1024,
};

/** Answer of a read-only query: column metadata, rows, and whether rows were cut at the limit. */
export interface SqlResult {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

/** A query the store refused (bad syntax, not read-only, over a limit): the caller's fault, a 400. */
export class SqlRejectedError extends Error {
  override readonly name = 'SqlRejectedError';
}

const READ_ONLY_START = /^(SELECT|WITH)\b/i;

/**
 * Run one user-supplied read-only query. ClickHouse's own parser checks it is a single statement
 * (the text goes in as a query parameter, never spliced); only SELECT/WITH pass; it then runs as a
 * subquery under query-level `readonly=1` and execution-time, row, byte and memory limits.
 * Query-level SETTINGS matter for chDB, where a session `SET readonly` would stick and lock writers.
 */
export async function runReadOnlySql(
  store: Store,
  sql: string,
  limits: SqlLimits = DEFAULT_SQL_LIMITS,
): Promise<SqlResult> {
  const started = performance.now();
  const formatted = await formatSingleStatement(store, sql);
  if (!READ_ONLY_START.test(formatted)) {
    throw new SqlRejectedError('only read-only SELECT (or WITH … SELECT) queries are allowed');
  }
  const wrapped =
    `SELECT * FROM (${formatted}) LIMIT ${limits.maxRows + 1} SETTINGS ` +
    `max_execution_time = ${limits.maxExecutionSeconds}, max_result_bytes = ${limits.maxResultBytes}, ` +
    `max_memory_usage = ${limits.maxMemoryBytes}, result_overflow_mode = 'throw', readonly = 1`;
  try {
    const result = await store.client.query({ query: wrapped, format: 'JSON' });
    const body = await result.json<Record<string, unknown>>();
    const rows = body.data.slice(0, limits.maxRows);
    return {
      columns: (body.meta ?? []).map((m) => ({ name: m.name, type: m.type })),
      rows,
      rowCount: rows.length,
      truncated: body.data.length > limits.maxRows,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    throw new SqlRejectedError(clickhouseMessage(e));
  }
}

async function formatSingleStatement(store: Store, sql: string): Promise<string> {
  if (!sql.trim()) throw new SqlRejectedError('query is empty');
  try {
    const r = await store.client.query({
      query: 'SELECT formatQuerySingleLine({q:String}) AS f',
      query_params: { q: sql },
      format: 'JSONEachRow',
    });
    const [row] = await r.json<{ f: string }>();
    if (!row) throw new Error('the parser returned nothing');
    return row.f;
  } catch (e) {
    throw new SqlRejectedError(clickhouseMessage(e));
  }
}

function clickhouseMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  // Drop the echo of our own wrapper so the user sees the error about their query.
  return message.replace(/: In scope SELECT formatQuerySingleLine[\s\S]*$/, '').trim();
}
