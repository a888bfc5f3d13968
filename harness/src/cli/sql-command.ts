import { harnessConfigFromEnv } from '../config';
import type { SqlResponse } from '../contracts/api';
import { openStore } from '../store/client';
import { storeConfigFromEnv } from '../store/config';
import { runReadOnlySql } from '../store/read-only-sql';
import { apiCall, apiTarget, harnessIsUp } from './api-client';
import { formatTable } from './format-table';

/**
 * `harness sql "<query>"`: through `POST /api/sql` when a harness is up (it owns the chDB folder),
 * otherwise straight against the store. Prints a table, or JSON with `--json`.
 */
export async function sqlCommand(query: string, opts: { json?: boolean }): Promise<void> {
  const config = harnessConfigFromEnv();
  const target = apiTarget(config);
  let result: SqlResponse;
  if (await harnessIsUp(target)) {
    result = await apiCall(target)('sql', { body: { query } });
  } else {
    const store = await openStore(storeConfigFromEnv()).catch((e: Error) => {
      throw new Error(`no harness answers at ${target.baseUrl}, and ${e.message}`);
    });
    try {
      result = await runReadOnlySql(store, query);
    } finally {
      await store.close();
    }
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${formatTable(
      result.rows,
      result.columns.map((c) => c.name),
    )}\n`,
  );
  const note = result.truncated ? ' (truncated at the row limit)' : '';
  process.stdout.write(`${result.rowCount} row(s) in ${result.elapsedMs} ms${note}\n`);
}
