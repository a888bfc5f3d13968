import type { HttpHandler } from 'msw';
import { type Decision, decide, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { serve } from '../../faults/inject';
import { randomAlnum, randomHex, unixSeconds } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { type ErrorRenderer, providerRoute } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { findModel, type ModelSpec } from '../../models/catalog';
import { openaiBinding } from './binding';
import { modelNotFound } from './errors';
import { putResponse, type StoredResponse, storedResponses } from './response-store';
import {
  type ResponseMeta,
  renderFailedResponse,
  renderResponse,
  renderResponseStream,
  serverFailure,
  streamTail,
} from './responses-render';
import {
  answeredCallIds,
  inputCallIds,
  inputTokensOf,
  itemsTokens,
  MIN_OUTPUT_TOKENS,
  type ResponsesRequest,
  responsesRequestSchema,
  toGeneration,
} from './responses-schema';

/** A parsed, validated Responses request with what it carries on from a previous response. */
export interface ParsedResponses {
  req: ResponsesRequest;
  model: ModelSpec;
  inputTokens: number;
  previous: StoredResponse | undefined;
}

/**
 * The prompt cache, modelled on OpenAI's: prompts of at least 1,024 tokens reuse the longest
 * prefix seen before, in 128-token steps. The prefix the mock knows was seen is the conversation a
 * `previous_response_id` carries on.
 */
export function cachedTokensOf(carried: number): number {
  return carried >= 1024 ? Math.floor(carried / 128) * 128 : 0;
}

/** Parse/validate step: body → request, model, input size (errors thrown as provider responses). */
export function parseResponses(ctx: MockContext, body: unknown, errors: ErrorRenderer): ParsedResponses {
  const req = validate(responsesRequestSchema, body, errors.badRequest);
  const max = req.max_output_tokens;
  if (max !== null && max !== undefined && max < MIN_OUTPUT_TOKENS)
    throw new HttpFailure(
      errors.badRequest(
        `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${MIN_OUTPUT_TOKENS}, but got ${max} instead.`,
        'max_output_tokens',
        'integer_below_min_value',
      ),
    );
  const model = findModel('openai', req.model);
  if (model?.kind !== 'chat') throw new HttpFailure(errors.notFound(modelNotFound(req.model)));
  let previous: StoredResponse | undefined;
  if (req.previous_response_id) {
    previous = storedResponses(ctx).get(req.previous_response_id);
    if (!previous)
      throw new HttpFailure(
        errors.badRequest(
          `Previous response with id '${req.previous_response_id}' not found.`,
          'previous_response_id',
          'previous_response_not_found',
        ),
      );
  }
  const known = new Set([...(previous?.callIds ?? []), ...inputCallIds(req)]);
  const orphan = answeredCallIds(req).find((id) => !known.has(id));
  if (orphan)
    throw new HttpFailure(
      errors.badRequest(`No tool call found for function call output with call_id ${orphan}.`, 'input'),
    );
  const inputTokens = inputTokensOf(req, previous?.contextTokens ?? 0);
  if (inputTokens > model.contextWindow)
    throw new HttpFailure(errors.contextTooLong(inputTokens, model.contextWindow));
  return { req, model, inputTokens, previous };
}

/** Request fields the response object echoes, with the API's defaults. */
function echoOf(req: ResponsesRequest) {
  return {
    instructions: req.instructions ?? null,
    max_output_tokens: req.max_output_tokens ?? null,
    max_tool_calls: null,
    metadata: req.metadata ?? {},
    parallel_tool_calls: req.parallel_tool_calls ?? true,
    previous_response_id: req.previous_response_id ?? null,
    prompt_cache_key: null,
    safety_identifier: null,
    store: req.store ?? true,
    temperature: req.temperature ?? 1,
    text: { format: req.text?.format ?? { type: 'text' }, verbosity: 'medium' },
    tool_choice: req.tool_choice ?? 'auto',
    tools: (req.tools ?? []).map((t) =>
      t.type === 'function' ? { description: null, strict: true, ...t } : t,
    ),
    top_p: req.top_p ?? 1,
    user: req.user ?? null,
  };
}

/** Decides one response and gives what renders it; `remember` stores a rendered answer. */
export function completeResponse(ctx: MockContext, parsed: ParsedResponses) {
  const { req, model, inputTokens, previous } = parsed;
  const decision = decide(toGeneration(req, model, inputTokens), ctx.config.seed, ctx.config.timeScale);
  const meta: ResponseMeta = {
    id: `resp_${randomHex(24)}`,
    createdAt: unixSeconds(ctx.clock()),
    model: model.snapshot,
    inputTokens,
    cachedTokens: cachedTokensOf(previous?.contextTokens ?? 0),
    itemIds: decision.outputs.map(() => randomHex(24)),
    callIds: decision.outputs.map(() => `call_${randomAlnum(24)}`),
    echo: echoOf(req),
  };
  /** Stores the answer as rendered (when `store` is not false), so it can be read back and continued. */
  const remember = (d: Decision, body: Record<string, unknown>): void => {
    if (req.store === false) return;
    putResponse(ctx, meta.id, {
      body,
      contextTokens: (previous?.contextTokens ?? 0) + itemsTokens(req) + outputTokens(d),
      callIds: [
        ...(previous?.callIds ?? []),
        ...inputCallIds(req),
        ...d.outputs.flatMap((o, i) => (o.kind === 'tool' ? [meta.callIds[i] ?? ''] : [])),
      ],
    });
  };
  return {
    decision,
    meta,
    /** The finished response object of a (possibly fault-rewritten) decision, stored. */
    bodyOf(d: Decision = decision) {
      const body = renderResponse(meta, d);
      remember(d, body);
      return body;
    },
    /** The event list of a streamed decision; the finished object is stored. */
    eventsOf(d: Decision) {
      remember(d, renderResponse(meta, d));
      return renderResponseStream(meta, d);
    },
    /**
     * The `response.failed` event replacing event `at` of a stream (a server error after it
     * began); the failed object is what is stored, as the API keeps failed responses.
     */
    failedEvent(at: number, requestId: string) {
      const body = renderFailedResponse(meta, serverFailure(requestId));
      remember(decision, body);
      return {
        event: 'response.failed',
        data: JSON.stringify({ type: 'response.failed', sequence_number: at, response: body }),
      };
    },
  };
}

/** The Responses API's mid-stream `error` event (openai-node throws an `APIError` on it). */
function streamError(at: number) {
  return {
    event: 'error',
    data: JSON.stringify({
      type: 'error',
      sequence_number: at,
      error: {
        type: 'server_error',
        code: 'server_error',
        message: 'The engine is currently overloaded, please try again later.',
        param: null,
      },
    }),
  };
}

const notFound = (id: string) =>
  json(
    {
      error: {
        message: `Response with id '${id}' not found.`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    },
    404,
  );

/** `POST /v1/responses`, `GET /v1/responses/{id}`, `DELETE /v1/responses/{id}`. */
export function responsesHandlers(ctx: MockContext): HttpHandler[] {
  const create = providerRoute(
    ctx,
    openaiBinding,
    'post',
    '*/v1/responses',
    'POST /v1/responses',
    async (scope, errors) => {
      const parsed = parseResponses(ctx, await readJson(scope.request, errors.badRequest), errors);
      const done = completeResponse(ctx, parsed);
      const { decision } = done;
      const { req } = parsed;
      const stream = req.stream === true;
      const format = req.text?.format?.type;
      scope.truth.set({ 'gen_ai.operation.name': 'chat', 'mock.api': 'responses' });
      return serve(ctx, scope, errors, {
        shape: { op: 'generate', stream, jsonMode: format === 'json_object' || format === 'json_schema' },
        model: parsed.model,
        inputTokens: parsed.inputTokens,
        reservedOutput: req.max_output_tokens ?? outputTokens(decision),
        decision,
        json: (d = decision) => ({
          body: done.bodyOf(d),
          delayMs: totalLatencyMs(d.timing, outputTokens(d)),
        }),
        ...(stream
          ? {
              sse: {
                events: (d: Decision) => done.eventsOf(d),
                tail: streamTail(decision),
                error: streamError,
                failed: (at: number) => done.failedEvent(at, scope.requestId),
              },
            }
          : {}),
      });
    },
    { faultSite: true },
  );
  const retrieve = providerRoute(
    ctx,
    openaiBinding,
    'get',
    '*/v1/responses/:id',
    'GET /v1/responses/{id}',
    async ({ params }) => {
      const id = params.id ?? '';
      const stored = storedResponses(ctx).get(id);
      return stored ? json(stored.body) : notFound(id);
    },
  );
  const remove = providerRoute(
    ctx,
    openaiBinding,
    'delete',
    '*/v1/responses/:id',
    'DELETE /v1/responses/{id}',
    async ({ params }) => {
      const id = params.id ?? '';
      if (!storedResponses(ctx).delete(id)) return notFound(id);
      return json({ id, object: 'response', deleted: true });
    },
  );
  return [create, retrieve, remove];
}
