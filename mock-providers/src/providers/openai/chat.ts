import type { HttpHandler } from 'msw';
import { type Decision, decide, type GenerationRequest, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { serve } from '../../faults/inject';
import { randomAlnum, unixSeconds } from '../../http/ids';
import { HttpFailure, parseJson, RawJson, validate } from '../../http/respond';
import { type ErrorRenderer, providerRoute } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { Lru } from '../../lru';
import { findModel, type ModelSpec } from '../../models/catalog';
import { openaiBinding } from './binding';
import { type CompletionMeta, renderCompletion, renderCompletionJson, renderStream } from './chat-render';
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

type ParsedChat = Awaited<ReturnType<typeof parseChat>>;

/**
 * Valid chat bodies by their exact text: a load test sends the same bodies again and again, and
 * JSON parsing, schema validation and prompt tokenization are a pure function of the text.
 * Bodies that fail are not kept (their 400 is rendered each time).
 */
const parsedChats = new Lru<string, ParsedChat>(1024);
const PARSED_MAX_CHARS = 32_768;

async function readChat(request: Request, errors: ErrorRenderer): Promise<ParsedChat> {
  const text = await request.text();
  const hit = parsedChats.get(text);
  if (hit) return hit;
  const parsed = Object.freeze(await parseChat(parseJson(text, errors.badRequest), errors));
  if (text.length <= PARSED_MAX_CHARS) parsedChats.set(text, parsed);
  return parsed;
}

/** The generation request of a (memoised) parsed body, so `decide` finds it by identity. */
const generations = new WeakMap<ParsedChat, GenerationRequest>();

/** Decide + render without delay: the non-stream completion body (also used by batches). */
export function completeChat(ctx: MockContext, parsed: Awaited<ReturnType<typeof parseChat>>) {
  let generation = generations.get(parsed);
  if (!generation) {
    generation = toGeneration(parsed.req, parsed.model, parsed.promptTokens);
    generations.set(parsed, generation);
  }
  const decision = decide(generation, ctx.config.seed, ctx.config.timeScale);
  const meta: CompletionMeta = {
    id: `chatcmpl-${randomAlnum(29)}`,
    created: unixSeconds(ctx.clock()),
    model: parsed.model.snapshot,
    promptTokens: parsed.promptTokens,
  };
  return {
    decision,
    meta,
    /** Rendered on demand: the live route renders through the fault engine instead. */
    get body() {
      return renderCompletion(meta, decision);
    },
  };
}

/** OpenAI's mid-stream error chunk (openai-node throws an `APIError` when a `data:` has `error`). */
const STREAM_OVERLOADED = JSON.stringify({
  error: {
    message: 'The engine is currently overloaded, please try again later.',
    type: 'server_error',
    param: null,
    code: null,
  },
});

/** `POST /v1/chat/completions`: non-stream JSON or a paced SSE stream, through the fault engine. */
export function chatHandler(ctx: MockContext): HttpHandler {
  return providerRoute(
    ctx,
    openaiBinding,
    'post',
    '*/v1/chat/completions',
    'POST /v1/chat/completions',
    async (scope, errors) => {
      const parsed = await readChat(scope.request, errors);
      const { decision, meta } = completeChat(ctx, parsed);
      const { req } = parsed;
      const stream = req.stream === true;
      const includeUsage = req.stream_options?.include_usage === true;
      const format = req.response_format?.type;
      scope.truth.set({ 'gen_ai.operation.name': 'chat' });
      return serve(ctx, scope, errors, {
        shape: { op: 'generate', stream, jsonMode: format === 'json_object' || format === 'json_schema' },
        model: parsed.model,
        inputTokens: parsed.promptTokens,
        reservedOutput: req.max_completion_tokens ?? req.max_tokens ?? outputTokens(decision),
        decision,
        json: (d = decision) => ({
          body: new RawJson(renderCompletionJson(meta, d)),
          delayMs: totalLatencyMs(d.timing, outputTokens(d)),
        }),
        ...(stream
          ? {
              sse: {
                events: (d: Decision) => renderStream(meta, d, includeUsage),
                tail: decision.outputs.length + (includeUsage ? 1 : 0) + 1,
                error: { data: STREAM_OVERLOADED },
              },
            }
          : {}),
      });
    },
    { faultSite: true },
  );
}
