import type { Store } from './client';
import type { SpanRow } from './span-row';
import type { InsertRows } from './span-writer';

/** Insert rows into `otel_traces` with JSONEachRow (DateTime64 and UInt64 sent as decimal strings). */
export function insertSpanRows(store: Store, table = 'otel_traces'): InsertRows {
  return async (rows: SpanRow[]) => {
    await store.client.insert({
      table,
      values: rows,
      format: 'JSONEachRow',
      // A lone UTF-16 surrogate (a string cut mid-character) is stored as its escape, not refused.
      clickhouse_settings: { input_format_json_throw_on_bad_escape_sequence: 0 },
    });
  };
}
