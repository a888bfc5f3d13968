import {
  type Attributes,
  context as otelContext,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type BulkheadPolicy, bulkhead } from 'cockatiel';
import { costOf, type Usage } from '../cost/cost';
import { GEN_AI, GENERAL, HARNESS } from '../telemetry/attributes';
import { type AttemptOutcome, deadlineReached, MIN_ATTEMPT_MS, runAttempt } from './attempt';
import type { CallContext, CallMetrics, CallOutcome } from './call-outcome';
import { classifyError } from './classify';
import type { ClientConfig } from './config';
import type { ClassifiedError, ErrorClass } from './error-class';
import type { BreakerRegistry } from './policies/breakers';
import { retryPolicy } from './policies/retry';
import { type AttemptOptions, PROVIDER_SEMCONV, type Provider, type ProviderAdapter } from './types';

/** One provider/model the call may go to, and the error classes that send it to the next. */
export interface Target {
  provider: Provider;
  model: string;
  on?: readonly ErrorClass[];
}

/** What the pipeline runs: an operation over an ordered list of targets. */
export interface Operation<T extends { usage: Usage }> {
  name: 'chat' | 'embeddings';
  stream: boolean;
  targets: Target[];
  attempt: (adapter: ProviderAdapter, model: string, options: AttemptOptions) => Promise<T>;
  /** Response attributes for the attempt span (model, id, finish reasons, TTFT…). */
  describe?: (value: T, stream: boolean) => Attributes;
  /** Streaming timings of the successful value, relative to its attempt's start. */
  timings?: (value: T) => { ttftMs: number; chunkTimesMs: number[]; usageEstimated: boolean };
}

/** The shared, long-lived parts every call goes through. */
export interface PipelineDeps {
  config: ClientConfig;
  adapters: Record<Provider, ProviderAdapter>;
  breakers: BreakerRegistry;
  tracer: Tracer;
}

/** Builds the per-client policies once (the bulkhead and breakers must be shared to mean anything). */
export function createPipeline(deps: PipelineDeps) {
  const { config } = deps;
  // The call's deadline bounds every attempt's timer and every retry wait (see runAttempt and
  // retryPolicy), so no per-call timeout policy, AbortController or timer is needed on top.
  const deadlines = new WeakMap<object, number>();
  const retry =
    config.retry === false ? undefined : retryPolicy(config.retry, (e) => deadlines.get(e as object));
  const gate: BulkheadPolicy | undefined =
    config.bulkhead === false ? undefined : bulkhead(config.bulkhead.maxConcurrent, config.bulkhead.queue);

  async function execute<T extends { usage: Usage }>(
    op: Operation<T>,
    ctx: CallContext,
  ): Promise<CallOutcome<T>> {
    const t0 = performance.now();
    const primary = op.targets[0] as Target;
    const attributes: Attributes = {
      [GEN_AI.operationName]: op.name,
      [GEN_AI.providerName]: PROVIDER_SEMCONV[primary.provider],
      [GEN_AI.requestModel]: primary.model,
    };
    if (op.stream) attributes[GEN_AI.requestStream] = true;
    if (ctx.runId) attributes[HARNESS.runId] = ctx.runId;
    if (ctx.scenario) attributes[HARNESS.scenario] = ctx.scenario;
    if (ctx.pattern) attributes[HARNESS.pattern] = ctx.pattern;
    const outer = ctx.parent ?? otelContext.active();
    const span = deps.tracer.startSpan(
      `${op.name} ${primary.model}`,
      { kind: SpanKind.CLIENT, attributes },
      outer,
    );
    const parent = trace.setSpan(outer, span);
    let attempts = 0;
    let retryWaitMs = 0;
    let lastEnd: number | undefined;
    let queueWaitMs = 0;
    let deadlineAt = Number.POSITIVE_INFINITY;
    let wasted = 0;
    let wastedUsage: Usage | undefined;
    let succeededAt = t0;
    let used = primary;

    const attemptOn = async (target: Target): Promise<AttemptOutcome<T>> => {
      const start = performance.now();
      if (lastEnd !== undefined) retryWaitMs += start - lastEnd;
      attempts++;
      try {
        const outcome = await runAttempt(
          {
            adapter: deps.adapters[target.provider],
            operation: op.name,
            model: target.model,
            stream: op.stream,
            batch: ctx.batch ?? false,
            attemptMs: config.timeout.attemptMs,
            deadlineAt,
            idleMs: config.timeout.idleMs,
            resendCount: attempts - 1,
            // A forced fault models a failing primary: its fallbacks are spared.
            headers: target === primary ? (ctx.headers ?? {}) : withoutForcedFault(ctx.headers),
            signal: ctx.signal,
            tracer: deps.tracer,
            parent,
          },
          (o) => op.attempt(deps.adapters[target.provider], target.model, o),
          op.describe,
        );
        succeededAt = start;
        used = target;
        return outcome;
      } catch (e) {
        const error = classifyError(e);
        const u = error.details.usage;
        if (u) {
          wasted += costOf(target.model, u, { batch: ctx.batch ?? false })?.total ?? 0;
          wastedUsage = wastedUsage ? addUsage(wastedUsage, u) : u;
        }
        deadlines.set(error, deadlineAt);
        throw error;
      } finally {
        lastEnd = performance.now();
      }
    };

    const runTarget = (target: Target): Promise<AttemptOutcome<T>> => {
      const guarded = () => {
        // Checked before the breaker: running out of time says nothing about the provider.
        if (deadlineAt - performance.now() < MIN_ATTEMPT_MS) throw deadlineReached();
        const breaker = deps.breakers.get(`${target.provider}/${target.model}`);
        return breaker ? breaker.execute(() => attemptOn(target)) : attemptOn(target);
      };
      return retry ? retry.execute(guarded, ctx.signal) : guarded();
    };

    const runTargets = async (): Promise<AttemptOutcome<T>> => {
      queueWaitMs = performance.now() - t0;
      deadlineAt = t0 + queueWaitMs + config.timeout.totalMs;
      let last: ClassifiedError | undefined;
      for (let i = 0; i < op.targets.length; i++) {
        const target = op.targets[i] as Target;
        if (i > 0 && last && !(target.on ?? []).includes(last.errorClass)) break;
        try {
          return await runTarget(target);
        } catch (e) {
          last = classifyError(e);
          if (deadlineAt - performance.now() < MIN_ATTEMPT_MS) break;
        }
      }
      throw last;
    };

    let result: AttemptOutcome<T> | undefined;
    let error: ClassifiedError | undefined;
    try {
      result = await (gate ? gate.execute(runTargets, ctx.signal) : runTargets());
    } catch (e) {
      error = classifyError(e);
    }
    const end = performance.now();
    const timings = result && op.timings ? op.timings(result.value) : undefined;
    const outputTokens = result?.usage.outputTokens ?? 0;
    const ttftMs = result ? succeededAt - t0 + (timings?.ttftMs ?? end - succeededAt) : undefined;
    const chunks = timings?.chunkTimesMs;
    let itlMeanMs: number | undefined;
    let itlMaxMs: number | undefined;
    if (chunks && chunks.length > 1) {
      let max = 0;
      for (let i = 1; i < chunks.length; i++)
        max = Math.max(max, (chunks[i] as number) - (chunks[i - 1] as number));
      itlMeanMs = ((chunks[chunks.length - 1] as number) - (chunks[0] as number)) / (chunks.length - 1);
      itlMaxMs = max;
    }
    const usage = result
      ? wastedUsage
        ? addUsage(result.usage, wastedUsage)
        : result.usage
      : (wastedUsage ?? { inputTokens: 0, outputTokens: 0 });
    const outcome = {
      ok: result !== undefined,
      latencyMs: end - t0,
      ttftMs,
      tpotMs:
        ttftMs !== undefined && op.stream && outputTokens > 1
          ? (end - t0 - ttftMs) / (outputTokens - 1)
          : undefined,
      itlMeanMs,
      itlMaxMs,
      attempts,
      retries: Math.max(0, attempts - 1),
      retryWaitMs,
      queueWaitMs,
      costUsd: (result?.costUsd ?? 0) + wasted,
      wastedCostUsd: wasted,
      usage,
      usageEstimated: timings?.usageEstimated ?? false,
      provider: used.provider,
      model: used.model,
      fallbackUsed: used !== primary,
      cacheHit: false,
      breakerState: deps.breakers.state(`${used.provider}/${used.model}`),
    } as CallOutcome<T>;
    finishSpan(span, outcome, error);
    if (result) (outcome as { value: T }).value = result.value;
    else (outcome as { error: ClassifiedError }).error = error as ClassifiedError;
    return outcome;
  }

  return { execute, bulkhead: gate };
}

function withoutForcedFault(headers: Record<string, string> | undefined): Record<string, string> {
  const { 'x-mock-fault': _fault, 'x-mock-fault-at': _at, ...rest } = headers ?? {};
  return rest;
}

function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
    cacheWriteInputTokens: (a.cacheWriteInputTokens ?? 0) + (b.cacheWriteInputTokens ?? 0),
  };
}

/** The logical call's span: usage, cost, waits and outcome, as the reports and dashboard read them. */
export function finishSpan(
  span: ReturnType<Tracer['startSpan']>,
  m: CallMetrics,
  error: ClassifiedError | undefined,
): void {
  span.setAttributes({
    [GEN_AI.responseModel]: m.model,
    [GEN_AI.usageInputTokens]: m.usage.inputTokens,
    [GEN_AI.usageOutputTokens]: m.usage.outputTokens,
    [GEN_AI.usageCost]: m.costUsd,
    [HARNESS.costUsd]: m.costUsd,
    [HARNESS.costWastedUsd]: m.wastedCostUsd,
    [HARNESS.queueWaitMs]: m.queueWaitMs,
    [HARNESS.retryWaitMs]: m.retryWaitMs,
    [HARNESS.retries]: m.retries,
    [HARNESS.breakerState]: m.breakerState,
    [HARNESS.cacheHit]: m.cacheHit,
    [HARNESS.fallbackUsed]: m.fallbackUsed,
    [HARNESS.latencyMs]: m.latencyMs,
    [HARNESS.outcome]: error ? 'error' : 'ok',
    ...(m.retries > 0 ? { [GENERAL.httpResendCount]: m.retries } : {}),
    ...(m.usage.cachedInputTokens ? { [GEN_AI.usageCacheReadInputTokens]: m.usage.cachedInputTokens } : {}),
    ...(m.fallbackUsed ? { [HARNESS.fallbackModel]: m.model } : {}),
    ...(m.ttftMs === undefined
      ? {}
      : { [GEN_AI.responseTimeToFirstChunk]: m.ttftMs / 1000, [HARNESS.ttftMs]: m.ttftMs }),
    ...(m.tpotMs === undefined ? {} : { [HARNESS.tpotMs]: m.tpotMs }),
    ...(m.itlMeanMs === undefined
      ? {}
      : { [HARNESS.itlMeanMs]: m.itlMeanMs, [HARNESS.itlMaxMs]: m.itlMaxMs ?? 0 }),
    ...(m.usageEstimated ? { [HARNESS.tokensEstimated]: true } : {}),
  });
  if (error) {
    span.setAttribute(GENERAL.errorType, error.errorClass);
    span.setAttribute(HARNESS.errorClass, error.errorClass);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message.slice(0, 500) });
  }
  span.end();
}
