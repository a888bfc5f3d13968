import type { HttpHandler } from 'msw';
import { z } from 'zod';
import { embed } from '../../content/embedding';
import { countTokens } from '../../content/tokens';
import type { MockContext } from '../../context';
import { serve } from '../../faults/inject';
import { HttpFailure, readJson, validate } from '../../http/respond';
import type { ErrorRenderer, RouteScope } from '../../http/route';
import { findModel, type ModelSpec } from '../../models/catalog';
import { geminiModelNotFound } from './errors';
import { geminiRoute } from './route';

const content = z.looseObject({ parts: z.array(z.looseObject({ text: z.string().optional() })).min(1) });
const embedRequest = z.looseObject({
  content,
  taskType: z.string().optional(),
  outputDimensionality: z.number().int().positive().optional(),
});
const batchRequest = z.looseObject({
  requests: z.array(embedRequest.extend({ model: z.string().optional() })).min(1),
});

function embeddingModel(scope: RouteScope, errors: ErrorRenderer, verb: string): ModelSpec {
  const model = findModel('gemini', scope.params.model ?? '');
  if (model?.kind !== 'embedding') {
    throw new HttpFailure(
      errors.notFound(geminiModelNotFound(scope.params.model ?? '', scope.params.version ?? 'v1beta', verb)),
    );
  }
  return model;
}

/** Embeds one `content` (deterministic per seed, model and text). */
function vectorOf(
  ctx: MockContext,
  model: ModelSpec,
  req: z.infer<typeof embedRequest>,
  errors: ErrorRenderer,
) {
  const text = req.content.parts.map((p) => p.text ?? '').join('');
  const tokens = countTokens(text);
  if (tokens > model.contextWindow) throw new HttpFailure(errors.contextTooLong(tokens, model.contextWindow));
  const native = model.embeddingDims ?? 768;
  return {
    tokens,
    embedding: { values: embed(ctx.config.seed, model.id, text, native, req.outputDimensionality ?? native) },
  };
}

/** Embeddings through the fault engine (HTTP faults, `invalid_json`, rate limits by input tokens). */
function serveEmbed(
  ctx: MockContext,
  scope: RouteScope,
  errors: ErrorRenderer,
  model: ModelSpec,
  tokens: number,
  body: unknown,
) {
  scope.truth.set({ 'gen_ai.operation.name': 'embeddings' });
  return serve(ctx, scope, errors, {
    shape: { op: 'embed', stream: false, jsonMode: false },
    model,
    inputTokens: tokens,
    reservedOutput: 0,
    json: () => ({ body, delayMs: 30 * ctx.config.timeScale }),
  });
}

/** `:embedContent` and `:batchEmbedContents` (`@google/genai` uses the latter even for one text). */
export function embedHandlers(ctx: MockContext): HttpHandler[] {
  return [
    geminiRoute(
      ctx,
      'embedContent',
      async (scope, errors) => {
        const model = embeddingModel(scope, errors, 'embedContent');
        const req = validate(
          embedRequest,
          await readJson(scope.request, errors.badRequest),
          errors.badRequest,
        );
        const { tokens, embedding } = vectorOf(ctx, model, req, errors);
        return serveEmbed(ctx, scope, errors, model, tokens, { embedding });
      },
      { faultSite: true },
    ),
    geminiRoute(
      ctx,
      'batchEmbedContents',
      async (scope, errors) => {
        const model = embeddingModel(scope, errors, 'batchEmbedContents');
        const req = validate(
          batchRequest,
          await readJson(scope.request, errors.badRequest),
          errors.badRequest,
        );
        const vectors = req.requests.map((r) => vectorOf(ctx, model, r, errors));
        const tokens = vectors.reduce((sum, v) => sum + v.tokens, 0);
        return serveEmbed(ctx, scope, errors, model, tokens, { embeddings: vectors.map((v) => v.embedding) });
      },
      { faultSite: true },
    ),
  ];
}
