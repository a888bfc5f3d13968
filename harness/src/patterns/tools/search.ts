import type { ToolDefinition } from '../../client/types';
import { ensureCorpus, searchCorpus } from '../rag-corpus';
import { type PatternContext, type PatternDeps, profileOnly } from '../types';

export const searchTool: ToolDefinition = {
  name: 'search',
  description: 'Search the help-centre knowledge base for information.',
  parameters: {
    type: 'object',
    properties: { query: { type: 'string', minLength: 3, maxLength: 200 } },
    required: ['query'],
    additionalProperties: false,
  },
};

/** Embed the query and return the two nearest documents (the embedding call is a span of its own). */
export async function search(deps: PatternDeps, ctx: PatternContext, args: { query?: unknown }) {
  const query = typeof args.query === 'string' && args.query.trim() ? args.query : 'help';
  await ensureCorpus(deps.store, deps.client, deps.embedding);
  const embedded = await deps.client.embed(
    { ...deps.embedding, inputs: [query] },
    { ...ctx, pattern: 'agent', headers: profileOnly(ctx.headers) },
  );
  if (!embedded.ok) return { call: embedded, text: `error: search failed (${embedded.error.errorClass})` };
  const docs = await searchCorpus(deps.store, deps.embedding.model, embedded.value.vectors[0] ?? [], 2);
  return { call: embedded, text: docs.map((d) => `${d.title}: ${d.text}`).join('\n') };
}
