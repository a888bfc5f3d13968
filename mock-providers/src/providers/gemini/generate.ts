import type { HttpHandler } from 'msw';
import { z } from 'zod';
import { type Decision, decide, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { serve } from '../../faults/inject';
import { randomAlnum } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import type { ErrorRenderer, RouteScope } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { findModel } from '../../models/catalog';
import { geminiModelNotFound } from './errors';
import { renderGenerate, renderGenerateStream } from './generate-render';
import { generateRequestSchema, promptTokensOf, toGeneration } from './generate-schema';
import { geminiRoute } from './route';

/** Parse → decide for both generate verbs; renders happen in the caller. */
async function prepare(ctx: MockContext, scope: RouteScope, errors: ErrorRenderer, verb: string) {
  const req = validate(
    generateRequestSchema,
    await readJson(scope.request, errors.badRequest),
    errors.badRequest,
  );
  const model = findModel('gemini', scope.params.model ?? '');
  if (model?.kind !== 'chat') {
    throw new HttpFailure(
      errors.notFound(geminiModelNotFound(scope.params.model ?? '', scope.params.version ?? 'v1beta', verb)),
    );
  }
  const promptTokens = promptTokensOf(req);
  if (promptTokens > model.contextWindow)
    throw new HttpFailure(errors.contextTooLong(promptTokens, model.contextWindow));
  const generation = toGeneration(req, model, promptTokens);
  const decision = decide(generation, ctx.config.seed, ctx.config.timeScale);
  const meta = { responseId: randomAlnum(22), modelVersion: model.snapshot, promptTokens };
  return { decision, meta, model, generation };
}

/** Gemini's mid-stream error chunk (`@google/genai` throws an `ApiError` with the code as status). */
const STREAM_OVERLOADED = {
  data: JSON.stringify({
    error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' },
  }),
};

/** Both generate verbs through the fault engine; `stream` picks the SSE rendering. */
async function generate(ctx: MockContext, scope: RouteScope, errors: ErrorRenderer, stream: boolean) {
  const verb = stream ? 'streamGenerateContent' : 'generateContent';
  const { decision, meta, model, generation } = await prepare(ctx, scope, errors, verb);
  scope.truth.set({ 'gen_ai.operation.name': 'generate_content' });
  return serve(ctx, scope, errors, {
    shape: { op: 'generate', stream, jsonMode: generation.format.type !== 'text' },
    model,
    inputTokens: meta.promptTokens,
    reservedOutput: generation.maxTokens ?? outputTokens(decision),
    decision,
    filterDropsText: !stream,
    json: (d = decision) => ({
      body: renderGenerate(meta, d),
      delayMs: totalLatencyMs(d.timing, outputTokens(d)),
    }),
    ...(stream
      ? { sse: { events: (d: Decision) => renderGenerateStream(meta, d), tail: 1, error: STREAM_OVERLOADED } }
      : {}),
  });
}

const countSchema = z.looseObject({
  contents: generateRequestSchema.shape.contents.optional(),
  generateContentRequest: generateRequestSchema.optional(),
});

/** `:generateContent`, `:streamGenerateContent` (SSE) and `:countTokens`. */
export function generateHandlers(ctx: MockContext): HttpHandler[] {
  return [
    geminiRoute(ctx, 'generateContent', (scope, errors) => generate(ctx, scope, errors, false), {
      faultSite: true,
    }),
    geminiRoute(ctx, 'streamGenerateContent', (scope, errors) => generate(ctx, scope, errors, true), {
      faultSite: true,
    }),
    geminiRoute(ctx, 'countTokens', async (scope, errors) => {
      const req = validate(countSchema, await readJson(scope.request, errors.badRequest), errors.badRequest);
      if (!findModel('gemini', scope.params.model ?? '')) {
        return errors.notFound(
          geminiModelNotFound(scope.params.model ?? '', scope.params.version ?? 'v1beta', 'countTokens'),
        );
      }
      const source = req.generateContentRequest ?? { contents: req.contents ?? [] };
      const total = source.contents.length ? promptTokensOf(source) : 0;
      return json({ totalTokens: total, promptTokensDetails: [{ modality: 'TEXT', tokenCount: total }] });
    }),
  ];
}
