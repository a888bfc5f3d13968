import {
  type Context,
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Tracer,
} from '@opentelemetry/api';
import { costOf } from '../../cost/cost';
import { GEN_AI, GENERAL, HARNESS } from '../../telemetry/attributes';
import type { CallContext, CallOutcome } from '../call-outcome';
import { finishSpan } from '../call-span';
import { classifyError } from '../classify';
import type { ClientConfig } from '../config';
import { ClassifiedError } from '../error-class';
import type { BreakerRegistry } from '../policies/breakers';
import {
  type ChatRequest,
  type ChatResult,
  PROVIDER_SEMCONV,
  type Provider,
  type ProviderAdapter,
} from '../types';
import { type BatchAggregator, createBatchAggregator } from './aggregator';

type Item = { req: ChatRequest; headers: Record<string, string>; parent: Context };

/**
 * The headers of a batch job: the first caller's, plus its baggage (its arrival key, so the mock
 * keys the job's fault draw to that arrival). Not its trace context: the job serves several
 * callers' traces, and its provider calls have never joined any one of them.
 */
function jobHeaders(first: Item | undefined): Record<string, string> {
  const headers = { ...first?.headers };
  const baggage = first && propagation.getBaggage(first.parent);
  if (baggage) propagation.inject(propagation.setBaggage(ROOT_CONTEXT, baggage), headers);
  return headers;
}

/**
 * The batch pattern's path: each logical call waits in an aggregator per provider/model; groups go
 * to the provider's Batch API as one job (its own span), and every caller gets its own result,
 * priced at the batch discount, under its own span.
 */
export function createBatchChannel(deps: {
  config: ClientConfig;
  adapters: Record<Provider, ProviderAdapter>;
  breakers: BreakerRegistry;
  tracer: Tracer;
}) {
  const { batchAggregation: s } = deps.config;
  const aggregators = new Map<string, BatchAggregator<Item, ChatResult>>();

  const aggregatorFor = (provider: Provider, model: string, parent: Context) => {
    const key = `${provider}/${model}`;
    let agg = aggregators.get(key);
    if (!agg) {
      const adapter = deps.adapters[provider];
      agg = createBatchAggregator<Item, ChatResult>({
        maxItems: s.maxItems,
        maxWaitMs: s.maxWaitMs,
        submit: async (items) => {
          if (!adapter.submitBatch)
            throw new ClassifiedError(
              'bad_request',
              `${provider} has no batch API here (Gemini: use Vertex AI batch prediction)`,
              { retryable: false },
            );
          const span = deps.tracer.startSpan(
            `batch ${model}`,
            {
              kind: SpanKind.CLIENT,
              attributes: {
                [GEN_AI.operationName]: 'chat',
                [GEN_AI.providerName]: PROVIDER_SEMCONV[provider],
                [GEN_AI.requestModel]: model,
                'harness.batch.size': items.length,
              },
            },
            parent,
          );
          try {
            return await adapter.submitBatch(
              items.map((i) => i.req),
              {
                pollIntervalMs: s.pollIntervalMs,
                headers: jobHeaders(items[0]),
                onJob: (job) =>
                  span.setAttributes({
                    'harness.batch.id': job.id,
                    'harness.batch.status': job.status,
                    ...Object.fromEntries(
                      Object.entries(job.counts).map(([k, v]) => [`harness.batch.count.${k}`, v]),
                    ),
                  }),
              },
            );
          } catch (e) {
            const c = classifyError(e);
            span.setAttribute(GENERAL.errorType, c.errorClass);
            span.setStatus({ code: SpanStatusCode.ERROR, message: c.message });
            throw c;
          } finally {
            span.end();
          }
        },
      });
      aggregators.set(key, agg);
    }
    return agg;
  };

  return async function batchChat(req: ChatRequest, ctx: CallContext = {}): Promise<CallOutcome<ChatResult>> {
    const t0 = performance.now();
    const parent = ctx.parent ?? otelContext.active();
    const span = deps.tracer.startSpan(
      `chat ${req.model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          [GEN_AI.operationName]: 'chat',
          [GEN_AI.providerName]: PROVIDER_SEMCONV[req.provider],
          [GEN_AI.requestModel]: req.model,
          ...(ctx.runId ? { [HARNESS.runId]: ctx.runId } : {}),
          ...(ctx.scenario ? { [HARNESS.scenario]: ctx.scenario } : {}),
          [HARNESS.pattern]: ctx.pattern ?? 'batch',
          'harness.batch': true,
        },
      },
      parent,
    );
    let value: ChatResult | undefined;
    let error: ClassifiedError | undefined;
    try {
      value = await aggregatorFor(req.provider, req.model, parent).add({
        req: { ...req, stream: false },
        headers: ctx.headers ?? {},
        parent,
      });
    } catch (e) {
      error = classifyError(e);
    }
    const latencyMs = performance.now() - t0;
    const usage = value?.usage ?? { inputTokens: 0, outputTokens: 0 };
    const metrics = {
      latencyMs,
      ttftMs: value ? latencyMs : undefined,
      tpotMs: undefined,
      itlMeanMs: undefined,
      itlMaxMs: undefined,
      attempts: 1,
      retries: 0,
      retryWaitMs: 0,
      queueWaitMs: 0,
      costUsd: costOf(req.model, usage, { batch: true })?.total ?? 0,
      wastedCostUsd: 0,
      usage,
      usageEstimated: false,
      provider: req.provider,
      model: req.model,
      fallbackUsed: false,
      cacheHit: false,
      breakerState: deps.breakers.state(`${req.provider}/${req.model}`),
    };
    finishSpan(span, metrics, error);
    return value
      ? { ok: true, value, ...metrics }
      : { ok: false, error: error as ClassifiedError, ...metrics };
  };
}
