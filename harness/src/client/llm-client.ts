import { type Attributes, type Tracer, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { GEN_AI, HARNESS } from '../telemetry/attributes';
import { createBatchChannel } from './batch/batch-channel';
import type { CallContext, CallOutcome } from './call-outcome';
import { type ClientConfig, type ClientConfigInput, clientConfigSchema, DEFAULT_FALLBACK_ON } from './config';
import { createPipeline, type Operation, type Target } from './pipeline';
import { type BreakerRegistry, createBreakers } from './policies/breakers';
import { createResponseCache } from './policies/response-cache';
import { routeModel } from './policies/routing';
import { anthropicAdapter } from './providers/anthropic';
import { geminiAdapter } from './providers/gemini';
import { openAiAdapter } from './providers/openai';
import { createTransport } from './transport';
import type { AttemptOptions, ChatRequest, ChatResult, Provider, ProviderAdapter } from './types';

/** How to build a client: where the providers are, which keys, which policies. */
export interface LlmClientOptions {
  /** Origin of the (mock) providers, e.g. `http://127.0.0.1:4010`; each SDK gets its own path. */
  baseUrl: string;
  apiKeys?: Partial<Record<Provider, string>>;
  config?: ClientConfigInput;
  tracer?: Tracer;
  /** Receives one line per logical call (keys and auth headers never included). */
  logger?: Logger;
}

/** An embeddings call and its answer. */
export interface EmbedRequest {
  provider: Provider;
  model: string;
  inputs: string[];
}
export interface EmbedResult {
  vectors: number[][];
  usage: ChatResult['usage'];
}

/** The instrumented, resilient client over OpenAI, Anthropic and Gemini. */
export interface LlmClient {
  readonly config: ClientConfig;
  chat(req: ChatRequest, ctx?: CallContext): Promise<CallOutcome<ChatResult>>;
  embed(req: EmbedRequest, ctx?: CallContext): Promise<CallOutcome<EmbedResult>>;
  /** A non-streamed chat call sent through the provider's Batch API with other waiting calls. */
  batchChat(req: ChatRequest, ctx?: CallContext): Promise<CallOutcome<ChatResult>>;
  breakers: BreakerRegistry;
  /** Calls running and waiting in the bulkhead (backpressure gauge). */
  load(): { executing: number; queued: number };
  close(): Promise<void>;
}

/**
 * A chat call as the pipeline runs it. Classes rather than object literals of arrows made per call:
 * under tsx every arrow made at run time pays a `defineProperty` for its name.
 */
class ChatOperation implements Operation<ChatResult> {
  readonly name = 'chat';
  readonly stream: boolean;
  readonly describe = describeChat;
  readonly timings = chatTimings;

  constructor(
    private readonly req: ChatRequest,
    readonly targets: Target[],
  ) {
    this.stream = req.stream;
  }

  attempt(adapter: ProviderAdapter, model: string, o: AttemptOptions): Promise<ChatResult> {
    const { req } = this;
    const same = adapter.provider === req.provider && model === req.model;
    return adapter.chat(same ? req : { ...req, provider: adapter.provider, model }, o);
  }
}

/** An embeddings call as the pipeline runs it. */
class EmbedOperation implements Operation<EmbedResult> {
  readonly name = 'embeddings';
  readonly stream = false;
  readonly describe = describeEmbeddings;
  readonly targets: Target[];

  constructor(private readonly req: EmbedRequest) {
    this.targets = [{ provider: req.provider, model: req.model }];
  }

  attempt(adapter: ProviderAdapter, model: string, o: AttemptOptions): Promise<EmbedResult> {
    return adapter.embed(model, this.req.inputs, o);
  }
}

/** The attempt span's response attributes of a chat call. */
function describeChat(v: ChatResult, stream: boolean): Attributes {
  const attributes: Attributes = {
    [GEN_AI.responseModel]: v.responseModel,
    [GEN_AI.responseId]: v.responseId,
    [GEN_AI.responseFinishReasons]: v.finishReasons,
  };
  if (stream) attributes[GEN_AI.responseTimeToFirstChunk] = v.ttftMs / 1000;
  return attributes;
}

const chatTimings = (v: ChatResult) => v;

function describeEmbeddings(v: EmbedResult): Attributes {
  return { [GEN_AI.embeddingsDimensionCount]: v.vectors[0]?.length ?? 0 };
}

/** Build a client; policies (bulkhead, breakers, cache) live as long as it does. */
export function createLlmClient(options: LlmClientOptions): LlmClient {
  const config = clientConfigSchema.parse(options.config ?? {});
  const transport = createTransport({ pooling: config.pooling, bodyTimeoutMs: config.timeout.attemptMs });
  const key = (p: Provider) => options.apiKeys?.[p] ?? 'harness-tenant';
  const base = options.baseUrl.replace(/\/$/, '');
  const adapters: Record<Provider, ProviderAdapter> = {
    openai: openAiAdapter(`${base}/v1`, key('openai'), transport.fetch),
    anthropic: anthropicAdapter(base, key('anthropic'), transport.fetch),
    gemini: geminiAdapter(base, key('gemini'), transport.fetch),
  };
  const tracer = options.tracer ?? trace.getTracer('harness.client');
  const breakers = createBreakers(config.breaker);
  const pipeline = createPipeline({ config, adapters, breakers, tracer });
  const batchChat = createBatchChannel({ config, adapters, breakers, tracer });
  const cache = config.cache === false ? undefined : createResponseCache(config.cache.maxEntries);

  const targets = (provider: Provider, model: string, ctx: CallContext): Target[] => {
    const chain = ctx.fallback?.map((f) => ({ ...f, on: f.on ?? DEFAULT_FALLBACK_ON })) ?? config.fallback;
    return chain.length ? [{ provider, model }, ...chain] : [{ provider, model }];
  };
  const logCall = (op: string, o: CallOutcome<unknown>, ctx: CallContext) =>
    options.logger?.info(
      {
        op,
        provider: o.provider,
        model: o.model,
        ok: o.ok,
        errorClass: o.ok ? undefined : o.error.errorClass,
        latencyMs: Math.round(o.latencyMs),
        ttftMs: o.ttftMs && Math.round(o.ttftMs),
        attempts: o.attempts,
        tokens: o.usage,
        costUsd: o.costUsd,
        cacheHit: o.cacheHit,
        fallbackUsed: o.fallbackUsed,
        runId: ctx.runId,
        pattern: ctx.pattern,
      },
      'llm call',
    );

  return {
    config,
    breakers,
    async chat(req, ctx = {}) {
      const hit = cache?.get(req);
      if (hit) {
        const span = tracer.startSpan(
          `chat ${req.model}`,
          {
            attributes: {
              [GEN_AI.operationName]: 'chat',
              [GEN_AI.requestModel]: req.model,
              [HARNESS.cacheHit]: true,
              [HARNESS.costUsd]: 0,
              [HARNESS.outcome]: 'ok',
              ...(ctx.runId ? { [HARNESS.runId]: ctx.runId } : {}),
              ...(ctx.pattern ? { [HARNESS.pattern]: ctx.pattern } : {}),
            },
          },
          ctx.parent,
        );
        span.end();
        const o: CallOutcome<ChatResult> = {
          ok: true,
          value: hit,
          latencyMs: 0,
          ttftMs: 0,
          tpotMs: undefined,
          itlMeanMs: undefined,
          itlMaxMs: undefined,
          attempts: 0,
          retries: 0,
          retryWaitMs: 0,
          queueWaitMs: 0,
          costUsd: 0,
          wastedCostUsd: 0,
          usage: { inputTokens: 0, outputTokens: 0 },
          usageEstimated: false,
          provider: req.provider,
          model: req.model,
          fallbackUsed: false,
          cacheHit: true,
          breakerState: breakers.state(`${req.provider}/${req.model}`),
        };
        logCall('chat', o, ctx);
        return o;
      }
      const model = routeModel(req, config.routing);
      const outcome = await pipeline.execute<ChatResult>(
        new ChatOperation(req, targets(req.provider, model, ctx)),
        ctx,
      );
      if (outcome.ok && cache) cache.set(req, outcome.value);
      logCall('chat', outcome, ctx);
      return outcome;
    },
    async batchChat(req, ctx = {}) {
      const outcome = await batchChat(req, ctx);
      logCall('batch', outcome, ctx);
      return outcome;
    },
    async embed(req, ctx = {}) {
      const outcome = await pipeline.execute<EmbedResult>(new EmbedOperation(req), ctx);
      logCall('embeddings', outcome, ctx);
      return outcome;
    },
    load: () => ({
      executing:
        pipeline.bulkhead?.executionSlots !== undefined
          ? config.bulkhead === false
            ? 0
            : config.bulkhead.maxConcurrent - pipeline.bulkhead.executionSlots
          : 0,
      queued:
        pipeline.bulkhead && config.bulkhead !== false
          ? config.bulkhead.queue - pipeline.bulkhead.queueSlots
          : 0,
    }),
    close: () => transport.close(),
  };
}
