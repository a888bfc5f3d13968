import path from 'node:path';
import { z } from 'zod';

/** Where spans and runs are stored: embedded chDB in a folder, or a ClickHouse server over HTTP. */
export type StoreConfig =
  | { mode: 'embedded'; dataDir: string }
  | { mode: 'server'; url: string; database: string; username?: string; password?: string };

const urlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'CLICKHOUSE_URL must be an http(s):// URL');

/**
 * Read the store settings from the environment: `CLICKHOUSE_URL` selects a server (user, password
 * and database may ride in the URL), otherwise chDB persists in `HARNESS_DATA_DIR` (default ./data).
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const raw = env.CLICKHOUSE_URL?.trim();
  if (!raw) return { mode: 'embedded', dataDir: path.resolve(env.HARNESS_DATA_DIR?.trim() || './data') };
  const parsed = urlSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`CLICKHOUSE_URL is not a valid http(s) URL: ${JSON.stringify(raw)}`);
  }
  const u = new URL(parsed.data);
  const database = u.pathname.replace(/^\//, '') || env.CLICKHOUSE_DATABASE || 'default';
  const config: StoreConfig = { mode: 'server', url: `${u.protocol}//${u.host}`, database };
  const username = decodeURIComponent(u.username) || env.CLICKHOUSE_USER;
  const password = decodeURIComponent(u.password) || env.CLICKHOUSE_PASSWORD;
  if (username) config.username = username;
  if (password) config.password = password;
  return config;
}

/** A description of the store safe to print or return from the API (no credentials). */
export function describeStore(config: StoreConfig): string {
  return config.mode === 'embedded'
    ? `embedded chDB at ${config.dataDir}`
    : `ClickHouse server ${config.url}/${config.database}`;
}
