import type { CallOutcome } from '../client/call-outcome';
import type { EmbedResult, LlmClient } from '../client/llm-client';
import type { Provider } from '../client/types';
import type { Store } from '../store/client';
import { CORPUS } from './corpus-documents';

/** A retrieved document and its cosine distance to the query. */
export interface Retrieved {
  id: number;
  title: string;
  text: string;
  distance: number;
}

const seeded = new Map<string, Promise<void>>();

/**
 * Make sure the corpus is embedded with `model` (once per process and model; rows persist in the
 * store). The embeddings come from the mock through the instrumented client, like a real indexer.
 */
export function ensureCorpus(
  store: Store,
  client: LlmClient,
  embedding: { provider: Provider; model: string },
): Promise<void> {
  const key = `${embedding.provider}/${embedding.model}`;
  let p = seeded.get(key);
  if (!p) {
    p = seedCorpus(store, client, embedding);
    seeded.set(key, p);
    p.catch(() => seeded.delete(key));
  }
  return p;
}

async function seedCorpus(
  store: Store,
  client: LlmClient,
  embedding: { provider: Provider; model: string },
): Promise<void> {
  const r = await store.client.query({
    query: 'SELECT count() AS n FROM rag_corpus FINAL WHERE model = {model:String}',
    query_params: { model: embedding.model },
    format: 'JSONEachRow',
  });
  const [row] = await r.json<{ n: string }>();
  if (Number(row?.n ?? 0) >= CORPUS.length) return;
  const o = await client.embed(
    { ...embedding, inputs: CORPUS.map((d) => `${d.title}\n${d.text}`) },
    { pattern: 'rag-index' },
  );
  if (!o.ok) throw o.error;
  await store.client.insert({
    table: 'rag_corpus',
    values: CORPUS.map((d, i) => ({
      model: embedding.model,
      id: i + 1,
      title: d.title,
      text: d.text,
      embedding: o.value.vectors[i] ?? [],
    })),
    format: 'JSONEachRow',
  });
}

/** Nearest documents to a query vector by cosine distance, computed by ClickHouse itself. */
export async function searchCorpus(
  store: Store,
  model: string,
  vector: number[],
  k = 3,
): Promise<Retrieved[]> {
  const r = await store.client.query({
    query: `SELECT id, title, text, cosineDistance(embedding, {q:Array(Float32)}) AS distance
            FROM rag_corpus FINAL WHERE model = {model:String}
            ORDER BY distance ASC LIMIT {k:UInt32}`,
    query_params: { q: vector, model, k },
    format: 'JSONEachRow',
  });
  return (await r.json<Retrieved>()).map((d) => ({ ...d, id: Number(d.id), distance: Number(d.distance) }));
}

export type EmbedOutcome = CallOutcome<EmbedResult>;
