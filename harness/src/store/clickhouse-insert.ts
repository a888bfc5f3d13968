import type { Store } from './client';
import type { SpanRow } from './span-row';
import type { InsertRows } from './span-writer';

/** Insert rows into `otel_traces` with JSONEachRow (DateTime64 and UInt64 sent as decimal strings). */
export function insertSpanRows(store: Store, table = 'otel_traces'): InsertRows {
  return async (rows: SpanRow[]) => {
    await store.client.insert({ table, values: rows, format: 'JSONEachRow' });
  };
}
