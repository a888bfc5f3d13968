import type { HttpHandler } from 'msw';
import { decide, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { randomAlnum } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { type ErrorRenderer, providerRoute } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { sleep } from '../../latency/sleep';
import { findModel, type ModelSpec } from '../../models/catalog';
import { sseResponse } from '../../sse';
import { anthropicBinding } from './binding';
import { renderMessage, renderMessageStream } from './messages-render';
import {
  countTokensSchema,
  inputTokensOf,
  type MessagesRequest,
  messagesRequestSchema,
  toGeneration,
} from './messages-schema';

/** API version whose requests may not carry sampling parameters. */
const STRICT_VERSION = '2026-10-21';

/** Parse/validate step of `/v1/messages` (shared with batches). */
export function parseMessages(body: unknown, errors: ErrorRenderer, version: string | null) {
  const req: MessagesRequest = validate(messagesRequestSchema, body, errors.badRequest);
  if (version === STRICT_VERSION) {
    const banned = ['temperature', 'top_p', 'top_k'].find((k) => k in req);
    if (banned)
      throw new HttpFailure(
        errors.badRequest(`${banned}: this parameter is not supported in API version ${STRICT_VERSION}`),
      );
  }
  const model: ModelSpec | undefined = findModel('anthropic', req.model);
  if (model?.kind !== 'chat') throw new HttpFailure(errors.notFound(`model: ${req.model}`));
  if (req.max_tokens > model.maxOutputTokens) {
    const msg = `max_tokens: ${req.max_tokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`;
    throw new HttpFailure(errors.badRequest(msg));
  }
  const inputTokens = inputTokensOf(req);
  if (inputTokens > model.contextWindow)
    throw new HttpFailure(errors.contextTooLong(inputTokens, model.contextWindow));
  return { req, model, inputTokens };
}

/** Decide + render a Message without delay (also used by batches). */
export function completeMessage(ctx: MockContext, parsed: ReturnType<typeof parseMessages>) {
  const decision = decide(
    toGeneration(parsed.req, parsed.model, parsed.inputTokens),
    ctx.config.seed,
    ctx.config.timeScale,
  );
  const meta = { id: `msg_01${randomAlnum(22)}`, model: parsed.model.id, inputTokens: parsed.inputTokens };
  return { decision, meta, body: renderMessage(meta, decision) };
}

/** `POST /v1/messages` (non-stream and SSE) and `POST /v1/messages/count_tokens`. */
export function messagesHandlers(ctx: MockContext): HttpHandler[] {
  return [
    providerRoute(
      ctx,
      anthropicBinding,
      'post',
      '*/v1/messages',
      'POST /v1/messages',
      async ({ request }, errors) => {
        const body = await readJson(request, errors.badRequest);
        const parsed = parseMessages(body, errors, request.headers.get('anthropic-version'));
        const { decision, meta, body: message } = completeMessage(ctx, parsed);
        if (parsed.req.stream) return sseResponse(renderMessageStream(meta, decision));
        await sleep(totalLatencyMs(decision.timing, outputTokens(decision)), request.signal);
        return json(message);
      },
    ),
    providerRoute(
      ctx,
      anthropicBinding,
      'post',
      '*/v1/messages/count_tokens',
      'POST /v1/messages/count_tokens',
      async ({ request }, errors) => {
        const req = validate(
          countTokensSchema,
          await readJson(request, errors.badRequest),
          errors.badRequest,
        );
        if (!findModel('anthropic', req.model)) return errors.notFound(`model: ${req.model}`);
        return json({ input_tokens: inputTokensOf(req) });
      },
    ),
  ];
}
