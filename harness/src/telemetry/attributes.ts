/**
 * Span attribute names in one place: the OTel GenAI semantic conventions (v1.41.0 names, see
 * telemetry.md §4) plus the harness's own `harness.*` namespace for what the conventions lack.
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestStream: 'gen_ai.request.stream',
  responseModel: 'gen_ai.response.model',
  responseId: 'gen_ai.response.id',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  responseTimeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  /** Not OTel: OpenLIT and Langfuse read USD cost from here. */
  usageCost: 'gen_ai.usage.cost',
  toolName: 'gen_ai.tool.name',
  toolCallId: 'gen_ai.tool.call.id',
  toolType: 'gen_ai.tool.type',
  agentName: 'gen_ai.agent.name',
  embeddingsDimensionCount: 'gen_ai.embeddings.dimension.count',
  requestEncodingFormats: 'gen_ai.request.encoding_formats',
  dataSourceId: 'gen_ai.data_source.id',
} as const;

/** Stable general-purpose conventions used on the same spans. */
export const GENERAL = {
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  httpResendCount: 'http.request.resend_count',
  httpStatusCode: 'http.response.status_code',
  dbSystem: 'db.system.name',
  dbQueryText: 'db.query.text',
} as const;

/** The harness's own attributes; every report and dashboard query reads these names. */
export const HARNESS = {
  runId: 'harness.run.id',
  scenario: 'harness.scenario',
  pattern: 'harness.pattern',
  /** USD the call cost in total, failed attempts and fallbacks included. */
  costUsd: 'harness.cost.usd',
  /** USD spent on attempts that failed after consuming tokens, plus fallback calls. */
  costWastedUsd: 'harness.cost.wasted_usd',
  queueWaitMs: 'harness.queue.wait_ms',
  retryWaitMs: 'harness.retry.wait_ms',
  /** The wait the provider advised on a failed attempt (retry-after, reset headers, RetryInfo). */
  retryAfterMs: 'harness.retry_after_ms',
  retries: 'harness.retries',
  breakerState: 'harness.breaker.state',
  cacheHit: 'harness.cache.hit',
  fallbackUsed: 'harness.fallback.used',
  fallbackModel: 'harness.fallback.model',
  routedModel: 'harness.routing.model',
  errorClass: 'harness.error.class',
  ttftMs: 'harness.ttft_ms',
  tpotMs: 'harness.tpot_ms',
  itlMeanMs: 'harness.itl.mean_ms',
  itlMaxMs: 'harness.itl.max_ms',
  chunks: 'harness.chunks',
  tokensEstimated: 'harness.usage.estimated',
  latencyMs: 'harness.latency_ms',
  scheduledLatenessMs: 'harness.schedule.lateness_ms',
  outcome: 'harness.outcome',
  warmup: 'harness.warmup',
  attempt: 'harness.attempt',
} as const;
