/**
 * The store, seen from a client worker: the patterns' few reads and writes (RAG's corpus, the
 * agent's database tool) go to the main thread's one store by message, because an embedded chDB
 * folder belongs to one session. Only the calls the patterns make are carried: `query` with
 * `format: 'JSONEachRow'` read back with `.json()`, and `insert`.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Store } from '../store/client';

/** A store call, worker → main. */
export interface StoreCall {
  t: 'store';
  id: number;
  op: 'query' | 'insert';
  params: Record<string, unknown>;
}

/** Its answer, main → worker. */
export type StoreAnswer =
  | { t: 'store-answer'; id: number; ok: true; rows: unknown[] }
  | { t: 'store-answer'; id: number; ok: false; message: string };

/** The worker's side: a `Store` whose client forwards `query`/`insert` to the main thread. */
export function storeProxy(
  port: MessagePort,
  config: Store['config'],
): {
  store: Store;
  answer(m: StoreAnswer): void;
} {
  const waiting = new Map<number, { resolve(rows: unknown[]): void; reject(e: Error): void }>();
  let next = 0;
  const call = (op: StoreCall['op'], params: Record<string, unknown>) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      port.postMessage({ t: 'store', id, op, params } satisfies StoreCall);
    });
  const client = {
    query: async (params: Record<string, unknown>) => {
      if (params.format !== 'JSONEachRow')
        throw new Error('a client worker reads the store as JSONEachRow only');
      const rows = await call('query', params);
      return { json: async () => rows };
    },
    insert: async (params: Record<string, unknown>) => {
      await call('insert', params);
      return { executed: true };
    },
  };
  return {
    store: {
      client: client as unknown as Store['client'],
      config,
      mode: config.mode,
      close: async () => {},
    },
    answer(m) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.ok) w?.resolve(m.rows);
      else w?.reject(new Error(m.message));
    },
  };
}

/** The main thread's side: run one forwarded call on the real store and say how it went. */
export async function answerStoreCall(store: Store, m: StoreCall): Promise<StoreAnswer> {
  try {
    if (m.op === 'insert') {
      await store.client.insert(m.params as unknown as Parameters<Store['client']['insert']>[0]);
      return { t: 'store-answer', id: m.id, ok: true, rows: [] };
    }
    const r = await store.client.query({
      ...(m.params as unknown as Parameters<Store['client']['query']>[0]),
      format: 'JSONEachRow',
    });
    return { t: 'store-answer', id: m.id, ok: true, rows: await r.json() };
  } catch (e) {
    return { t: 'store-answer', id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
