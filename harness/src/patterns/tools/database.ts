import type { ToolDefinition } from '../../client/types';
import type { Store } from '../../store/client';
import { runReadOnlySql } from '../../store/read-only-sql';

/**
 * Reports the agent can pull from the store. The model picks a report by name; the SQL is ours and
 * runs read-only with limits: nothing the model writes ever becomes SQL.
 */
const REPORTS = {
  request_count: `SELECT count() AS requests FROM otel_traces
                  WHERE SpanName LIKE 'invoke_workflow %' AND Timestamp > now() - INTERVAL 1 HOUR`,
  error_count: `SELECT countIf(StatusCode = 'Error') AS errors, count() AS requests FROM otel_traces
                WHERE SpanName LIKE 'invoke_workflow %' AND Timestamp > now() - INTERVAL 1 HOUR`,
  cost_by_pattern: `SELECT SpanAttributes['harness.pattern'] AS pattern, round(sum(toFloat64OrZero(SpanAttributes['harness.cost.usd'])), 6) AS cost_usd
                    FROM otel_traces WHERE SpanName LIKE 'invoke_workflow %'
                    GROUP BY pattern ORDER BY cost_usd DESC`,
  slowest_spans: `SELECT SpanName, round(max(Duration) / 1e6, 1) AS max_ms FROM otel_traces
                  WHERE Timestamp > now() - INTERVAL 1 HOUR GROUP BY SpanName ORDER BY max_ms DESC LIMIT 5`,
} as const;

export const databaseTool: ToolDefinition = {
  name: 'database',
  description: 'Query the operations database for a named report about recent traffic, errors and cost.',
  parameters: {
    type: 'object',
    properties: { report: { type: 'string', enum: Object.keys(REPORTS) } },
    required: ['report'],
    additionalProperties: false,
  },
};

/** Run the named report read-only and answer its rows as compact JSON. */
export async function queryDatabase(store: Store, args: { report?: unknown }): Promise<string> {
  const sql = REPORTS[args.report as keyof typeof REPORTS];
  if (!sql)
    return `error: unknown report ${JSON.stringify(args.report)}; valid: ${Object.keys(REPORTS).join(', ')}`;
  const r = await runReadOnlySql(store, sql, {
    maxExecutionSeconds: 5,
    maxRows: 20,
    maxResultBytes: 1 << 20,
    maxMemoryBytes: 1 << 30,
  });
  return JSON.stringify(r.rows);
}
