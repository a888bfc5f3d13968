import { mkdirSync } from 'node:fs';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type { StoreConfig } from './config';
import { storeLockedMessage } from './owner';

/** An open store: one `@clickhouse/client` whatever the mode, so every query path is the same code. */
export interface Store {
  readonly client: ClickHouseClient;
  readonly config: StoreConfig;
  readonly mode: StoreConfig['mode'];
  close(): Promise<void>;
}

/** Settings that every session gets: 64-bit integers quoted so ns timestamps keep their precision. */
const SESSION_SETTINGS = {
  output_format_json_quote_64bit_integers: 1,
  date_time_input_format: 'best_effort',
} as const;

/**
 * Open the store. Embedded mode plugs chDB's connection into `createClient({ connection })`;
 * server mode talks HTTP. Only one process may open a given chDB folder.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  let client: ClickHouseClient;
  let release: () => Promise<void> = async () => {};
  if (config.mode === 'embedded') {
    mkdirSync(config.dataDir, { recursive: true });
    const { createChdbConnection } = await import('chdb/connection');
    let connection: ReturnType<typeof createChdbConnection>;
    try {
      connection = createChdbConnection({ path: config.dataDir });
    } catch (e) {
      // the usual cause: another process (a harness) holds chDB's lock on the folder
      throw new Error(
        `${storeLockedMessage(config.dataDir)} (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    // chdb pins its own copy of @clickhouse/client-common; the Connection contract is the same,
    // only the nominal types differ, hence the cast.
    client = createClient({ connection, clickhouse_settings: SESSION_SETTINGS } as unknown as Parameters<
      typeof createClient
    >[0]);
    release = async () => {
      await (connection as { close?: () => Promise<void> | void }).close?.();
    };
  } else {
    client = createClient({
      url: config.url,
      database: config.database,
      ...(config.username ? { username: config.username } : {}),
      ...(config.password ? { password: config.password } : {}),
      clickhouse_settings: SESSION_SETTINGS,
      request_timeout: 30_000,
    });
    const ping = await client.ping();
    if (!ping.success) {
      await client.close();
      throw new Error(`cannot reach ClickHouse at ${config.url}: ${ping.error.message}`);
    }
  }
  return {
    client,
    config,
    mode: config.mode,
    async close() {
      await client.close();
      await release();
    },
  };
}
