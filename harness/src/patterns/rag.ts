import type { CallOutcome } from '../client/call-outcome';
import { GEN_AI, GENERAL } from '../telemetry/attributes';
import { defaultInput } from './default-inputs';
import { ensureCorpus, searchCorpus } from './rag-corpus';
import { inStep } from './step-span';
import type { PatternOutcome, PatternRunner } from './types';
import { apiOf, profileOnly } from './types';

/**
 * Pattern 4, RAG: embed the question through the mock, find the nearest documents with
 * `cosineDistance` in ClickHouse itself, then answer with them as context. A span per step.
 */
export const rag: PatternRunner = async (req, deps, ctx) => {
  const t0 = performance.now();
  const question = req.input ?? defaultInput('rag');
  const calls: CallOutcome<unknown>[] = [];
  const fail = (o: CallOutcome<unknown>): PatternOutcome => ({
    ok: false,
    ...(o.ok ? {} : { error: o.error }),
    text: '',
    calls,
    steps: calls.length,
    ttftMs: undefined,
    tpotMs: undefined,
  });
  await ensureCorpus(deps.store, deps.client, deps.embedding);
  const embedded = await deps.client.embed(
    { ...deps.embedding, inputs: [question] },
    { ...ctx, pattern: 'rag', headers: profileOnly(ctx.headers) },
  );
  calls.push(embedded);
  if (!embedded.ok) return fail(embedded);
  const docs = await inStep(
    deps.tracer,
    ctx.parent,
    'retrieval rag_corpus',
    {
      [GEN_AI.operationName]: 'retrieval',
      [GEN_AI.dataSourceId]: 'rag_corpus',
      [GENERAL.dbSystem]: 'clickhouse',
    },
    () => searchCorpus(deps.store, deps.embedding.model, embedded.value.vectors[0] ?? [], 3),
  );
  const context = docs.map((d) => `## ${d.title}\n${d.text}`).join('\n\n');
  const answerStart = performance.now() - t0;
  const answer = await deps.client.chat(
    {
      provider: req.provider,
      model: req.model,
      ...apiOf(req),
      stream: false,
      maxTokens: req.maxTokens ?? 256,
      messages: [
        { role: 'system', content: 'Answer based on the provided context.' },
        { role: 'user', content: `Context:\n${context}\n\nQuestion: ${question}` },
      ],
    },
    { ...ctx, pattern: 'rag', headers: ctx.headers },
  );
  calls.push(answer);
  if (!answer.ok) return fail(answer);
  return {
    ok: true,
    text: answer.value.text,
    calls,
    steps: 3,
    ttftMs: answer.ttftMs === undefined ? undefined : answerStart + answer.ttftMs,
    tpotMs: answer.tpotMs,
  };
};
