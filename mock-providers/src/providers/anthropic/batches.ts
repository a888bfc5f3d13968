import type { HttpHandler } from 'msw';
import { z } from 'zod';
import type { MockContext } from '../../context';
import { batchCreateFault, itemFates } from '../../faults/batch';
import { randomAlnum, rfc3339 } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { providerRoute } from '../../http/route';
import { BATCH_MAX_REQUESTS } from '../../limits/published';
import { batchDuration } from '../openai/batch-store';
import { type AnthropicBatch, anthropicBatchesOf, anthropicPhase } from './batch-store';
import { anthropicBinding } from './binding';
import { anthropicErrors } from './errors';
import { completeMessage, parseMessages } from './messages';

/** `POST /v1/messages/batches` body. */
export const createBatchSchema = z.looseObject({
  requests: z
    .array(z.looseObject({ custom_id: z.string().min(1).max(64), params: z.record(z.string(), z.unknown()) }))
    .min(1),
});

/** The error of a request failed by `batch_item_failure` (what a live 500 would say). */
const ITEM_FAILED = { type: 'api_error', message: 'Internal server error' };

/** Runs every request through the live decide/render path once the batch has ended. */
async function finish(ctx: MockContext, b: AnthropicBatch): Promise<string[]> {
  if (b.results) return b.results;
  const canceled = b.cancelAt !== null && b.cancelAt < b.createdAt + b.durationMs;
  const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  const lines: string[] = [];
  const fates = itemFates(canceled ? undefined : b.fault, b.requests.length);
  for (const [i, r] of b.requests.entries()) {
    let result: unknown;
    const fate = fates[i] ?? 'ok';
    if (canceled) {
      result = { type: 'canceled' };
      counts.canceled++;
    } else if (fate === 'missing' || fate === 'expired') {
      // batch_partial / batch_expired: the request was never processed before the batch ended
      result = { type: 'expired' };
      counts.expired++;
    } else if (fate === 'failed') {
      result = { type: 'errored', error: { type: 'error', error: ITEM_FAILED, request_id: null } };
      counts.errored++;
    } else {
      try {
        result = {
          type: 'succeeded',
          message: completeMessage(ctx, parseMessages(r.params, anthropicErrors(''), null)).body,
        };
        counts.succeeded++;
      } catch (err) {
        if (!(err instanceof HttpFailure)) throw err;
        const body = (await err.response.json()) as { error: unknown };
        result = { type: 'errored', error: { type: 'error', error: body.error, request_id: null } };
        counts.errored++;
      }
    }
    lines.push(JSON.stringify({ custom_id: r.custom_id, result }));
  }
  b.counts = counts;
  b.results = lines;
  return lines;
}

/** The wire `MessageBatch` at the current time; `results_url` is absolute, from the request's origin. */
async function view(ctx: MockContext, b: AnthropicBatch, origin: string) {
  const { status, endedAt } = anthropicPhase(b, ctx.clock());
  if (status === 'ended') await finish(ctx, b);
  return {
    id: b.id,
    type: 'message_batch',
    processing_status: status,
    request_counts: b.counts,
    ended_at: endedAt === null ? null : rfc3339(endedAt),
    created_at: rfc3339(b.createdAt),
    expires_at: rfc3339(b.createdAt + 86_400_000),
    archived_at: null,
    cancel_initiated_at: b.cancelAt === null ? null : rfc3339(b.cancelAt),
    results_url: status === 'ended' ? `${origin}/v1/messages/batches/${b.id}/results` : null,
  };
}

/** `/v1/messages/batches`: create, retrieve, list, cancel, delete and `/results` JSONL. */
export function anthropicBatchesHandlers(ctx: MockContext): HttpHandler[] {
  const find = (id: string | undefined, requestId: string) => {
    const b = id ? anthropicBatchesOf(ctx).get(id) : undefined;
    if (!b) throw new HttpFailure(anthropicErrors(requestId).notFound(`message_batch: ${id}`));
    return b;
  };
  const r = (
    method: 'get' | 'post' | 'delete',
    path: string,
    label: string,
    fn: Parameters<typeof providerRoute>[5],
    options: { faultSite?: boolean } = {},
  ) =>
    providerRoute(
      ctx,
      anthropicBinding,
      method,
      `*/v1/messages/batches${path}`,
      `${method.toUpperCase()} /v1/messages/batches${label}`,
      fn,
      options,
    );
  return [
    r(
      'post',
      '',
      '',
      async (scope, errors) => {
        const { request, url } = scope;
        const req = validate(
          createBatchSchema,
          await readJson(request, errors.badRequest),
          errors.badRequest,
        );
        if (req.requests.length > BATCH_MAX_REQUESTS.anthropic)
          return errors.badRequest(
            `requests: a batch may contain at most ${BATCH_MAX_REQUESTS.anthropic} requests, got ${req.requests.length}`,
          );
        const { response, fault } = await batchCreateFault(ctx, scope, errors);
        if (response) return response;
        scope.truth.set({ 'mock.batch.requests': req.requests.length });
        const counts = { processing: req.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
        const batch: AnthropicBatch = {
          id: `msgbatch_01${randomAlnum(22)}`,
          requests: req.requests,
          createdAt: ctx.clock(),
          durationMs: batchDuration(ctx),
          cancelAt: null,
          results: null,
          counts,
          ...(fault ? { fault } : {}),
        };
        anthropicBatchesOf(ctx).set(batch.id, batch);
        return json(await view(ctx, batch, url.origin));
      },
      { faultSite: true },
    ),
    r('get', '', '', async ({ url }) => {
      const all = [...anthropicBatchesOf(ctx).values()].sort((a, b) => b.createdAt - a.createdAt);
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
      const afterId = url.searchParams.get('after_id');
      const beforeId = url.searchParams.get('before_id');
      let start = afterId ? all.findIndex((b) => b.id === afterId) + 1 : 0;
      if (beforeId) start = Math.max(0, all.findIndex((b) => b.id === beforeId) - limit);
      const page = all.slice(start, start + limit);
      const data = await Promise.all(page.map((b) => view(ctx, b, url.origin)));
      return json({
        data,
        has_more: start + limit < all.length,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
      });
    }),
    r('get', '/:id', '/{id}', async ({ params, url, requestId }) =>
      json(await view(ctx, find(params.id, requestId), url.origin)),
    ),
    r('post', '/:id/cancel', '/{id}/cancel', async ({ params, url, requestId }) => {
      const b = find(params.id, requestId);
      if (b.cancelAt === null && anthropicPhase(b, ctx.clock()).status === 'in_progress')
        b.cancelAt = ctx.clock();
      return json(await view(ctx, b, url.origin));
    }),
    r('delete', '/:id', '/{id}', async ({ params, requestId }, errors) => {
      const b = find(params.id, requestId);
      if (anthropicPhase(b, ctx.clock()).status !== 'ended')
        return errors.badRequest('Cannot delete a batch that has not ended.');
      anthropicBatchesOf(ctx).delete(b.id);
      return json({ id: b.id, type: 'message_batch_deleted' });
    }),
    r('get', '/:id/results', '/{id}/results', async ({ params, requestId }, errors) => {
      const b = find(params.id, requestId);
      if (anthropicPhase(b, ctx.clock()).status !== 'ended')
        return errors.badRequest('Batch has not ended; results are not available yet.');
      const lines = await finish(ctx, b);
      return new Response(`${lines.join('\n')}\n`, {
        status: 200,
        headers: { 'content-type': 'application/binary' },
      });
    }),
  ];
}
