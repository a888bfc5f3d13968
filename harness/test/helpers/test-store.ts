import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@clickhouse/client';
import { openStore, type Store } from '../../src/store/client';
import { storeConfigFromEnv } from '../../src/store/config';
import { migrate } from '../../src/store/migrate';

/** Which store the integration suites run against: a server when CLICKHOUSE_URL is set, else chDB. */
export const STORE_MODE = process.env.CLICKHOUSE_URL ? 'server' : 'embedded';

/**
 * A fresh, migrated store for one test file: a temporary chDB folder, or a uniquely named database
 * on the server given by CLICKHOUSE_URL. `dispose()` removes it.
 */
export async function openTestStore(): Promise<Store & { dispose(): Promise<void> }> {
  if (STORE_MODE === 'embedded') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'harness-store-'));
    const store = await openStore({ mode: 'embedded', dataDir });
    await migrate(store);
    return Object.assign(store, {
      async dispose() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    });
  }
  const base = storeConfigFromEnv();
  if (base.mode !== 'server') throw new Error('unreachable');
  const database = `harness_test_${process.pid}_${Date.now()}`;
  const admin = createClient({ url: base.url, ...credentials(base) });
  await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  const store = await openStore({ ...base, database });
  await migrate(store);
  return Object.assign(store, {
    async dispose() {
      await store.close();
      await admin.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await admin.close();
    },
  });
}

function credentials(c: { username?: string; password?: string }) {
  return { ...(c.username ? { username: c.username } : {}), ...(c.password ? { password: c.password } : {}) };
}
