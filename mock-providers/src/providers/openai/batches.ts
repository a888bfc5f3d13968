import type { HttpHandler } from 'msw';
import { z } from 'zod';
import type { MockContext } from '../../context';
import { randomAlnum, unixSeconds } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import { providerRoute } from '../../http/route';
import { finishBatch } from './batch-runner';
import { type BatchLine, batchDuration, batchPhase, type OpenAIBatch, progress } from './batch-store';
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

/** The wire `Batch` object at the current time (wire-formats §2.7); completes lazily. */
async function view(ctx: MockContext, b: OpenAIBatch) {
  const now = ctx.clock();
  const { phase, at } = batchPhase(b, now);
  if (phase === 'completed') await finishBatch(ctx, b);
  const ts = (p: keyof typeof at) => (at[p] === undefined ? null : unixSeconds(at[p]));
  const total = b.lines.length;
  const done =
    phase === 'completed'
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
    output_file_id: phase === 'completed' ? b.outputFileId : null,
    error_file_id: phase === 'completed' ? b.errorFileId : null,
    created_at: unixSeconds(b.createdAt),
    in_progress_at: ts('in_progress'),
    expires_at: unixSeconds(b.createdAt + 86_400_000),
    finalizing_at: ts('finalizing'),
    completed_at: ts('completed'),
    failed_at: ts('failed'),
    expired_at: null,
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
    const b = id ? ctx.store.openaiBatches.get(id) : undefined;
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
      async ({ request }, errors) => {
        const req = validate(
          createBatchSchema,
          await readJson(request, errors.badRequest),
          errors.badRequest,
        );
        const file = getFile(ctx, req.input_file_id);
        if (file.purpose !== 'batch')
          return errors.badRequest("The input file must have purpose 'batch'.", 'input_file_id');
        const batch: OpenAIBatch = {
          id: `batch_${randomAlnum(24)}`,
          endpoint: req.endpoint,
          inputFileId: file.id,
          metadata: req.metadata ?? null,
          createdAt: ctx.clock(),
          durationMs: batchDuration(ctx),
          ...parseLines(file.content, req.endpoint),
          cancelAt: null,
          outputFileId: null,
          errorFileId: null,
          counts: { completed: 0, failed: 0 },
          finished: false,
        };
        ctx.store.openaiBatches.set(batch.id, batch);
        return json(await view(ctx, batch));
      },
    ),
    providerRoute(ctx, openaiBinding, 'get', '*/v1/batches', 'GET /v1/batches', async ({ url }) => {
      const all = [...ctx.store.openaiBatches.values()].sort((a, b) => b.createdAt - a.createdAt);
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
        if (phase === 'completed' || phase === 'failed') {
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
