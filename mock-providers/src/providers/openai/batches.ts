import type { HttpHandler } from 'msw';
import { z } from 'zod';
import { countTokens } from '../../content/tokens';
import type { MockContext } from '../../context';
import { batchCreateFault } from '../../faults/batch';
import { randomAlnum, unixSeconds } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { providerRoute } from '../../http/route';
import { BATCH_MAX_REQUESTS } from '../../limits/published';
import { findModel } from '../../models/catalog';
import { finishBatch } from './batch-runner';
import {
  type BatchLine,
  batchDuration,
  batchPhase,
  type OpenAIBatch,
  openaiBatchesOf,
  progress,
} from './batch-store';
import { openaiBinding } from './binding';
import { getFile } from './files';

const ENDPOINTS = [
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/responses',
  '/v1/completions',
  '/v1/moderations',
] as const;

/** `POST /v1/batches` body. */
export const createBatchSchema = z.looseObject({
  input_file_id: z.string().min(1),
  endpoint: z.enum(ENDPOINTS),
  completion_window: z.literal('24h'),
  metadata: z.record(z.string(), z.string()).nullish(),
});

function parseLines(content: string, endpoint: string): Pick<OpenAIBatch, 'lines' | 'invalid'> {
  const lines: BatchLine[] = [];
  const invalid: OpenAIBatch['invalid'] = [];
  content.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      const line = JSON.parse(raw) as BatchLine;
      if (typeof line.custom_id !== 'string') throw new Error('custom_id');
      if (line.url !== endpoint) {
        invalid.push({
          code: 'invalid_url',
          message: `The URL provided for this request does not match the batch endpoint.`,
          param: 'url',
          line: i + 1,
        });
      }
      lines.push(line);
    } catch {
      invalid.push({
        code: 'invalid_json_line',
        message: 'This line is not parseable as valid JSON.',
        param: null,
        line: i + 1,
      });
    }
  });
  if (lines.length === 0 && invalid.length === 0)
    invalid.push({ code: 'empty_file', message: 'The input file is empty.', param: null, line: null });
  return { lines, invalid };
}

/** The model a batch's lines name (the first line's; batches are single-model). */
function modelOf(lines: BatchLine[]): string | null {
  const name = (lines[0]?.body as { model?: unknown } | undefined)?.model;
  return typeof name === 'string' ? (findModel('openai', name)?.id ?? null) : null;
}

/** Tokens this tenant has in unfinished batches of this model (OpenAI's batch queue limit). */
function enqueuedTokens(ctx: MockContext, apiKey: string, model: string | null): number {
  let sum = 0;
  const now = ctx.clock();
  for (const b of openaiBatchesOf(ctx).values()) {
    if (b.apiKey !== apiKey || b.model !== model || b.invalid.length > 0) continue;
    const { phase } = batchPhase(b, now);
    if (phase === 'validating' || phase === 'in_progress' || phase === 'finalizing') sum += b.tokens ?? 0;
  }
  return sum;
}

/** The wire `Batch` object at the current time (wire-formats §2.7); completes lazily. */
async function view(ctx: MockContext, b: OpenAIBatch) {
  const now = ctx.clock();
  const { phase, at } = batchPhase(b, now);
  const ended = phase === 'completed' || phase === 'expired';
  if (ended) await finishBatch(ctx, b);
  const ts = (p: keyof typeof at) => (at[p] === undefined ? null : unixSeconds(at[p]));
  const total = b.lines.length;
  const done = ended
    ? b.counts
    : { completed: Math.floor(total * (phase === 'failed' ? 0 : progress(b, now))), failed: 0 };
  return {
    id: b.id,
    object: 'batch',
    endpoint: b.endpoint,
    model: null,
    errors: b.invalid.length ? { object: 'list', data: b.invalid } : null,
    input_file_id: b.inputFileId,
    completion_window: '24h',
    status: phase,
    output_file_id: ended ? b.outputFileId : null,
    error_file_id: ended ? b.errorFileId : null,
    created_at: unixSeconds(b.createdAt),
    in_progress_at: ts('in_progress'),
    expires_at: unixSeconds(b.createdAt + 86_400_000),
    finalizing_at: ts('finalizing'),
    completed_at: ts('completed'),
    failed_at: ts('failed'),
    expired_at: ts('expired'),
    cancelling_at: ts('cancelling'),
    cancelled_at: ts('cancelled'),
    request_counts: { total, completed: done.completed, failed: done.failed },
    metadata: b.metadata,
  };
}

/** `/v1/batches`: create from an uploaded JSONL file, retrieve, cancel, list with cursor. */
export function batchesHandlers(ctx: MockContext): HttpHandler[] {
  const notFound = (id: string | undefined) =>
    new HttpFailure(
      json(
        {
          error: {
            message: `No batch found with id '${id}'.`,
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        },
        404,
      ),
    );
  const find = (id: string | undefined) => {
    const b = id ? openaiBatchesOf(ctx).get(id) : undefined;
    if (!b) throw notFound(id);
    return b;
  };
  return [
    providerRoute(
      ctx,
      openaiBinding,
      'post',
      '*/v1/batches',
      'POST /v1/batches',
      async (scope, errors) => {
        const { request } = scope;
        const req = validate(
          createBatchSchema,
          await readJson(request, errors.badRequest),
          errors.badRequest,
        );
        const file = getFile(ctx, req.input_file_id);
        if (file.purpose !== 'batch')
          return errors.badRequest("The input file must have purpose 'batch'.", 'input_file_id');
        const parsed = parseLines(file.content, req.endpoint);
        if (parsed.lines.length > BATCH_MAX_REQUESTS.openai)
          return errors.badRequest(
            `The batch input file contains ${parsed.lines.length} requests; a batch may contain at most ${BATCH_MAX_REQUESTS.openai}.`,
            'input_file_id',
          );
        const { response, fault } = await batchCreateFault(ctx, scope, errors);
        if (response) return response;
        const model = modelOf(parsed.lines);
        const tokens = parsed.lines.reduce((n, l) => n + countTokens(JSON.stringify(l.body ?? '')), 0);
        scope.truth.set({
          'mock.batch.requests': parsed.lines.length,
          ...(model ? { 'gen_ai.request.model': model } : {}),
        });
        const queueLimit = model ? ctx.limiter.limitsOf('openai', model)?.batchQueueTokens : undefined;
        if (queueLimit !== undefined && enqueuedTokens(ctx, scope.apiKey, model) + tokens > queueLimit) {
          parsed.invalid.push({
            code: 'token_limit_exceeded',
            message: `Enqueued token limit reached for ${model} in organization org-mock. Limit: ${queueLimit.toLocaleString('en-US')} enqueued tokens. Please try submitting your batch again later.`,
            param: null,
            line: null,
          });
        }
        const batch: OpenAIBatch = {
          id: `batch_${randomAlnum(24)}`,
          endpoint: req.endpoint,
          inputFileId: file.id,
          metadata: req.metadata ?? null,
          createdAt: ctx.clock(),
          durationMs: batchDuration(ctx),
          ...parsed,
          apiKey: scope.apiKey,
          model,
          tokens,
          ...(fault ? { fault } : {}),
          cancelAt: null,
          outputFileId: null,
          errorFileId: null,
          counts: { completed: 0, failed: 0 },
          finished: false,
        };
        openaiBatchesOf(ctx).set(batch.id, batch);
        return json(await view(ctx, batch));
      },
      { faultSite: true },
    ),
    providerRoute(ctx, openaiBinding, 'get', '*/v1/batches', 'GET /v1/batches', async ({ url }) => {
      const all = [...openaiBatchesOf(ctx).values()].sort((a, b) => b.createdAt - a.createdAt);
      const after = url.searchParams.get('after');
      const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
      const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
      const page = all.slice(start, start + limit);
      const data = await Promise.all(page.map((b) => view(ctx, b)));
      return json({
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: start + limit < all.length,
      });
    }),
    providerRoute(ctx, openaiBinding, 'get', '*/v1/batches/:id', 'GET /v1/batches/{id}', async ({ params }) =>
      json(await view(ctx, find(params.id))),
    ),
    providerRoute(
      ctx,
      openaiBinding,
      'post',
      '*/v1/batches/:id/cancel',
      'POST /v1/batches/{id}/cancel',
      async ({ params }) => {
        const b = find(params.id);
        const { phase } = batchPhase(b, ctx.clock());
        if (phase === 'completed' || phase === 'failed' || phase === 'expired') {
          return json(
            {
              error: {
                message: `Cannot cancel a batch with status '${phase}'.`,
                type: 'invalid_request_error',
                param: null,
                code: null,
              },
            },
            409,
          );
        }
        if (b.cancelAt === null) b.cancelAt = ctx.clock();
        return json(await view(ctx, b));
      },
    ),
  ];
}
