import type { HttpHandler } from 'msw';
import { decide, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { randomAlnum, unixSeconds } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { type ErrorRenderer, providerRoute } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { sleep } from '../../latency/sleep';
import { findModel, type ModelSpec } from '../../models/catalog';
import { sseResponse } from '../../sse';
import { openaiBinding } from './binding';
import { type CompletionMeta, renderCompletion, renderStream } from './chat-render';
import { type ChatRequest, chatRequestSchema, promptTokensOf, toGeneration } from './chat-schema';
import { modelNotFound } from './errors';

/** Parse/validate step: body → request, model and prompt size (errors thrown as provider responses). */
export async function parseChat(
  body: unknown,
  errors: ErrorRenderer,
): Promise<{ req: ChatRequest; model: ModelSpec; promptTokens: number }> {
  const req = validate(chatRequestSchema, body, errors.badRequest);
  const model = findModel('openai', req.model);
  if (model?.kind !== 'chat') throw new HttpFailure(errors.notFound(modelNotFound(req.model)));
  const promptTokens = promptTokensOf(req);
  if (promptTokens > model.contextWindow)
    throw new HttpFailure(errors.contextTooLong(promptTokens, model.contextWindow));
  return { req, model, promptTokens };
}

/** Decide + render without delay: the non-stream completion body (also used by batches). */
export function completeChat(ctx: MockContext, parsed: Awaited<ReturnType<typeof parseChat>>) {
  const decision = decide(
    toGeneration(parsed.req, parsed.model, parsed.promptTokens),
    ctx.config.seed,
    ctx.config.timeScale,
  );
  const meta: CompletionMeta = {
    id: `chatcmpl-${randomAlnum(29)}`,
    created: unixSeconds(ctx.clock()),
    model: parsed.model.snapshot,
    promptTokens: parsed.promptTokens,
  };
  return { decision, meta, body: renderCompletion(meta, decision) };
}

/** `POST /v1/chat/completions`: non-stream JSON or a paced SSE stream. */
export function chatHandler(ctx: MockContext): HttpHandler {
  return providerRoute(
    ctx,
    openaiBinding,
    'post',
    '*/v1/chat/completions',
    'POST /v1/chat/completions',
    async (scope, errors) => {
      const parsed = await parseChat(await readJson(scope.request, errors.badRequest), errors);
      const { decision, meta, body } = completeChat(ctx, parsed);
      if (parsed.req.stream) {
        const includeUsage = parsed.req.stream_options?.include_usage === true;
        return sseResponse(renderStream(meta, decision, includeUsage));
      }
      await sleep(totalLatencyMs(decision.timing, outputTokens(decision)), scope.request.signal);
      return json(body);
    },
  );
}
