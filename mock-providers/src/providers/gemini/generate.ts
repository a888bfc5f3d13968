import type { HttpHandler } from 'msw';
import { z } from 'zod';
import { decide, outputTokens } from '../../content/decision';
import type { MockContext } from '../../context';
import { randomAlnum } from '../../http/ids';
import { HttpFailure, json, readJson, validate } from '../../http/respond';
import type { ErrorRenderer, RouteScope } from '../../http/route';
import { totalLatencyMs } from '../../latency/model';
import { sleep } from '../../latency/sleep';
import { findModel } from '../../models/catalog';
import { sseResponse } from '../../sse';
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
  const decision = decide(toGeneration(req, model, promptTokens), ctx.config.seed, ctx.config.timeScale);
  return { decision, meta: { responseId: randomAlnum(22), modelVersion: model.snapshot, promptTokens } };
}

const countSchema = z.looseObject({
  contents: generateRequestSchema.shape.contents.optional(),
  generateContentRequest: generateRequestSchema.optional(),
});

/** `:generateContent`, `:streamGenerateContent` (SSE) and `:countTokens`. */
export function generateHandlers(ctx: MockContext): HttpHandler[] {
  return [
    geminiRoute(ctx, 'generateContent', async (scope, errors) => {
      const { decision, meta } = await prepare(ctx, scope, errors, 'generateContent');
      await sleep(totalLatencyMs(decision.timing, outputTokens(decision)), scope.request.signal);
      return json(renderGenerate(meta, decision));
    }),
    geminiRoute(ctx, 'streamGenerateContent', async (scope, errors) => {
      const { decision, meta } = await prepare(ctx, scope, errors, 'streamGenerateContent');
      return sseResponse(renderGenerateStream(meta, decision));
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
