import type { HttpHandler } from 'msw';
import { type Decision, decide, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { serve } from '../../faults/inject';
import { randomAlnum } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { type ErrorRenderer, providerRoute } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { findModel, type ModelSpec } from '../../models/catalog';
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
  return {
    decision,
    meta,
    /** Rendered on demand: the live route renders through the fault engine instead. */
    get body() {
      return renderMessage(meta, decision);
    },
  };
}

/** The mid-stream failure Anthropic documents: `event: error` with an `overloaded_error`. */
const STREAM_OVERLOADED = {
  event: 'error',
  data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
};

/** `POST /v1/messages` (non-stream and SSE) and `POST /v1/messages/count_tokens`. */
export function messagesHandlers(ctx: MockContext): HttpHandler[] {
  return [
    providerRoute(
      ctx,
      anthropicBinding,
      'post',
      '*/v1/messages',
      'POST /v1/messages',
      async (scope, errors) => {
        const body = await readJson(scope.request, errors.badRequest);
        const parsed = parseMessages(body, errors, scope.request.headers.get('anthropic-version'));
        const { decision, meta } = completeMessage(ctx, parsed);
        const stream = parsed.req.stream === true;
        scope.truth.set({ 'gen_ai.operation.name': 'chat' });
        return serve(ctx, scope, errors, {
          shape: {
            op: 'generate',
            stream,
            jsonMode: parsed.req.output_config?.format?.type === 'json_schema',
          },
          model: parsed.model,
          inputTokens: parsed.inputTokens,
          reservedOutput: parsed.req.max_tokens,
          decision,
          json: (d = decision) => ({
            body: renderMessage(meta, d),
            delayMs: totalLatencyMs(d.timing, outputTokens(d)),
          }),
          ...(stream
            ? {
                sse: {
                  events: (d: Decision) => renderMessageStream(meta, d),
                  tail: 3,
                  error: STREAM_OVERLOADED,
                },
              }
            : {}),
        });
      },
      { faultSite: true },
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
