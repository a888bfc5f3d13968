import type { HttpHandler } from 'msw';
import { z } from 'zod';
import { embed, toBase64Float32 } from '../../content/embedding';
import { countTokens, detokenize } from '../../content/tokens';
import type { MockContext } from '../../context';
import { serve } from '../../faults/inject';
import { HttpFailure, readJson, validate } from '../../http/respond';
import { type ErrorRenderer, providerRoute } from '../../http/route';
import { findModel } from '../../models/catalog';
import { openaiBinding } from './binding';
import { modelNotFound } from './errors';

/** `POST /v1/embeddings` body. */
export const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int()).min(1)).min(1),
  ]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
});

/** Normalises every accepted input shape to a list of texts (token arrays are decoded). */
function textsOf(input: z.infer<typeof embeddingsRequestSchema>['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((x) => typeof x === 'string')) return input as string[];
  if (input.every((x) => typeof x === 'number')) return [detokenize(input as number[])];
  return (input as number[][]).map((ids) => detokenize(ids));
}

/** Decide + render an embeddings response (also used by batches). */
export function createEmbeddings(ctx: MockContext, body: unknown, errors: ErrorRenderer) {
  const req = validate(embeddingsRequestSchema, body, errors.badRequest);
  const model = findModel('openai', req.model);
  if (model?.kind !== 'embedding') throw new HttpFailure(errors.notFound(modelNotFound(req.model)));
  const native = model.embeddingDims ?? 1536;
  if (req.dimensions !== undefined && req.dimensions > native) {
    throw new HttpFailure(
      errors.badRequest(
        `This model does not support specifying dimensions greater than ${native}.`,
        'dimensions',
      ),
    );
  }
  const texts = textsOf(req.input);
  let tokens = 0;
  const data = texts.map((text, index) => {
    const n = countTokens(text);
    if (n > model.contextWindow) throw new HttpFailure(errors.contextTooLong(n, model.contextWindow));
    tokens += n;
    const vector = embed(ctx.config.seed, model.id, text, native, req.dimensions ?? native);
    return {
      object: 'embedding',
      index,
      embedding: req.encoding_format === 'base64' ? toBase64Float32(vector) : vector,
    };
  });
  return {
    tokens,
    model,
    body: { object: 'list', data, model: model.id, usage: { prompt_tokens: tokens, total_tokens: tokens } },
  };
}

/** `POST /v1/embeddings`: float arrays or base64 little-endian float32, `dimensions` honoured. */
export function embeddingsHandler(ctx: MockContext): HttpHandler {
  return providerRoute(
    ctx,
    openaiBinding,
    'post',
    '*/v1/embeddings',
    'POST /v1/embeddings',
    async (scope, errors) => {
      const { body, tokens, model } = createEmbeddings(
        ctx,
        await readJson(scope.request, errors.badRequest),
        errors,
      );
      scope.truth.set({ 'gen_ai.operation.name': 'embeddings' });
      return serve(ctx, scope, errors, {
        shape: { op: 'embed', stream: false, jsonMode: false },
        model,
        inputTokens: tokens,
        reservedOutput: 0,
        json: () => ({ body, delayMs: 30 * ctx.config.timeScale }),
      });
    },
    { faultSite: true },
  );
}
