import type { Store } from './client';
import { MIGRATIONS, type Migration } from './migrations/index';

const LEDGER_DDL = `
CREATE TABLE IF NOT EXISTS harness_migrations (
    id String,
    applied_at DateTime64(3) DEFAULT now64(3)
) ENGINE = ReplacingMergeTree ORDER BY id`;

/**
 * Bring the store's schema up to date. Safe to run on every start and from several processes
 * against a server: every statement is idempotent and the ledger is a ReplacingMergeTree.
 * Returns the ids applied by this call.
 */
export async function migrate(
  store: Store,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  await store.client.command({ query: LEDGER_DDL });
  const done = await store.client.query({
    query: 'SELECT DISTINCT id FROM harness_migrations',
    format: 'JSONEachRow',
  });
  const applied = new Set((await done.json<{ id: string }>()).map((r) => r.id));
  const ran: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    for (const statement of m.statements) await store.client.command({ query: statement });
    await store.client.insert({ table: 'harness_migrations', values: [{ id: m.id }], format: 'JSONEachRow' });
    ran.push(m.id);
  }
  return ran;
}
