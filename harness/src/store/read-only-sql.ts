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
/** String literals and quoted identifiers, as ClickHouse's formatter prints them (backslash escapes). */
const QUOTED = /'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|"(?:[^"\\]|\\.)*"/g;
/** The keyword of a SETTINGS clause (not `system.settings` or a column named settings). */
const SETTINGS_KEYWORD = /(?<![\w.`"])SETTINGS\s+(?=[A-Za-z_]\w*\s*=)/gi;
/** Settings a query may set itself: they shape how it runs, never how much it may use or do. */
const HARMLESS_SETTINGS = new Set([
  'max_block_size',
  'join_algorithm',
  'join_use_nulls',
  'aggregate_functions_null_for_empty',
  'optimize_read_in_order',
  'prefer_column_name_to_alias',
  'enable_analyzer',
  'allow_experimental_analyzer',
]);

/**
 * Settings named in a formatted statement's own SETTINGS clauses that it may not set: a subquery's
 * settings could otherwise loosen the limits the wrapper imposes (memory, time, readonly).
 */
export function forbiddenSettings(formatted: string): string[] {
  const text = formatted.replace(QUOTED, "''");
  const bad: string[] = [];
  for (const m of text.matchAll(SETTINGS_KEYWORD)) {
    const rest = text.slice(m.index + m[0].length);
    const clause = rest.slice(0, rest.search(/\)|$/));
    for (const part of clause.split(',')) {
      const name = /^\s*([A-Za-z_]\w*)\s*=/.exec(part)?.[1];
      if (!name || !HARMLESS_SETTINGS.has(name.toLowerCase())) bad.push(name ?? part.trim());
    }
  }
  return bad;
}

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
  const format = formatClause(formatted);
  if (format) {
    throw new SqlRejectedError(
      `FORMAT ${format} is not allowed: the answer is always JSON (rows with column types; \`harness sql\` ` +
        'prints it as a table, or as JSON with --json); drop the FORMAT clause',
    );
  }
  const forbidden = forbiddenSettings(formatted);
  if (forbidden.length > 0) {
    throw new SqlRejectedError(
      `setting ${forbidden.join(', ')} not allowed in a query: the harness sets the limits of every query ` +
        `(allowed: ${[...HARMLESS_SETTINGS].join(', ')})`,
    );
  }
  const wrapped =
    `SELECT * FROM (${formatted}) LIMIT ${limits.maxRows + 1} SETTINGS ` +
    `max_execution_time = ${limits.maxExecutionSeconds}, max_result_bytes = ${limits.maxResultBytes}, ` +
    `max_memory_usage = ${limits.maxMemoryBytes}, result_overflow_mode = 'throw', readonly = 1`;
  const settings = `max_execution_time = ${limits.maxExecutionSeconds}, max_memory_usage = ${limits.maxMemoryBytes}, readonly = 1`;
  try {
    // Columns come from the analyser (DESCRIBE never runs the query); rows as JSONEachRow. A format
    // with a header (JSON, …WithNames) must not be used: when a query fails after its header went
    // out (timeout, result limit), embedded chDB leaves that header in its session buffer and
    // prepends it to whatever query runs next, corrupting another caller's answer.
    const described = await store.client.query({
      query: `DESCRIBE TABLE (${formatted}) SETTINGS ${settings}`,
      format: 'JSONEachRow',
    });
    const columns = (await described.json<{ name: string; type: string }>()).map((c) => ({
      name: c.name,
      type: c.type,
    }));
    const result = await store.client.query({ query: wrapped, format: 'JSONEachRow' });
    const data = await result.json<Record<string, unknown>>();
    const rows = data.slice(0, limits.maxRows);
    return {
      columns,
      rows,
      rowCount: rows.length,
      truncated: data.length > limits.maxRows,
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    throw new SqlRejectedError(clickhouseMessage(e));
  }
}

/** The output format a formatted statement names in a trailing FORMAT clause, if any. */
export function formatClause(formatted: string): string | undefined {
  return /(?<![\w.`"])FORMAT\s+([A-Za-z_]\w*)\s*;?\s*$/i.exec(formatted.replace(QUOTED, "''"))?.[1];
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
