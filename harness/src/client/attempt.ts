import {
  type Attributes,
  type Context,
  context as otelContext,
  propagation,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { costOf, type Usage } from '../cost/cost';
import { GEN_AI, GENERAL, HARNESS } from '../telemetry/attributes';
import { classifyError } from './classify';
import { ClassifiedError } from './error-class';
import { type AttemptOptions, PROVIDER_SEMCONV, type ProviderAdapter } from './types';

/** What one physical attempt needs to know. */
export interface AttemptSpec {
  adapter: ProviderAdapter;
  operation: 'chat' | 'embeddings';
  model: string;
  stream: boolean;
  batch?: boolean;
  attemptMs: number;
  /** Stream silence limit; only armed for streaming attempts. */
  idleMs: number;
  resendCount: number;
  headers: Record<string, string>;
  /** The logical call's signal (total timeout, caller cancellation). */
  signal: AbortSignal | undefined;
  tracer: Tracer;
  parent: Context;
}

/** A finished attempt: its value plus what it consumed and cost. */
export interface AttemptOutcome<T> {
  value: T;
  usage: Usage;
  costUsd: number | undefined;
}

/**
 * Run one physical attempt under its own CLIENT span (a sibling per retry, with
 * `http.request.resend_count` from the first resend on), with the attempt timeout and, for streams,
 * an idle timer re-armed by every chunk. The span's context rides to the provider as `traceparent`,
 * so the mock's ground-truth span joins the trace.
 */
export async function runAttempt<T extends { usage: Usage }>(
  spec: AttemptSpec,
  fn: (options: AttemptOptions) => Promise<T>,
  describe: (value: T) => Attributes = () => ({}),
): Promise<AttemptOutcome<T>> {
  const { adapter, model } = spec;
  const span = spec.tracer.startSpan(
    `${spec.operation} ${model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [GEN_AI.operationName]: spec.operation,
        [GEN_AI.providerName]: PROVIDER_SEMCONV[adapter.provider],
        [GEN_AI.requestModel]: model,
        [GENERAL.serverAddress]: adapter.serverAddress,
        [GENERAL.serverPort]: adapter.serverPort,
        ...(spec.stream ? { [GEN_AI.requestStream]: true } : {}),
        ...(spec.resendCount > 0 ? { [GENERAL.httpResendCount]: spec.resendCount } : {}),
        [HARNESS.attempt]: spec.resendCount + 1,
      },
    },
    spec.parent,
  );
  const headers = { ...spec.headers };
  propagation.inject(trace.setSpan(otelContext.active(), span), headers);
  const controller = new AbortController();
  const abort = (reason: ClassifiedError) => controller.abort(reason);
  const attemptTimer = setTimeout(
    () => abort(new ClassifiedError('timeout', `attempt exceeded ${spec.attemptMs} ms`)),
    spec.attemptMs,
  );
  let idleTimer: NodeJS.Timeout | undefined;
  const armIdle = () => {
    if (!spec.stream) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(
      () => abort(new ClassifiedError('sse_stall', `no stream data for ${spec.idleMs} ms`)),
      spec.idleMs,
    );
  };
  const onOuterAbort = () =>
    abort(classifyError(spec.signal?.reason ?? new ClassifiedError('timeout', 'call deadline reached')));
  spec.signal?.addEventListener('abort', onOuterAbort, { once: true });
  armIdle();
  try {
    const value = await fn({ signal: controller.signal, headers, onChunk: armIdle, onContent: () => {} });
    const cost = costOf(model, value.usage, { batch: spec.batch ?? false })?.total;
    recordUsage(span, value.usage, cost);
    span.setAttributes(describe(value));
    return { value, usage: value.usage, costUsd: cost };
  } catch (e) {
    // An abort surfaces as the SDK's own abort error; the reason we aborted with is the truth.
    const error =
      controller.signal.aborted && !(e instanceof ClassifiedError)
        ? classifyError(controller.signal.reason)
        : classifyError(e);
    const usage = error.details.usage;
    if (usage) recordUsage(span, usage, costOf(model, usage, { batch: spec.batch ?? false })?.total);
    span.setAttribute(GENERAL.errorType, error.errorClass);
    if (error.status !== undefined) span.setAttribute(GENERAL.httpStatusCode, error.status);
    if (error.retryAfterMs !== undefined) span.setAttribute(HARNESS.retryAfterMs, error.retryAfterMs);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message.slice(0, 500) });
    throw error;
  } finally {
    clearTimeout(attemptTimer);
    clearTimeout(idleTimer);
    spec.signal?.removeEventListener('abort', onOuterAbort);
    span.end();
  }
}

function recordUsage(span: ReturnType<Tracer['startSpan']>, usage: Usage, cost: number | undefined): void {
  span.setAttributes({
    [GEN_AI.usageInputTokens]: usage.inputTokens,
    [GEN_AI.usageOutputTokens]: usage.outputTokens,
    ...(usage.cachedInputTokens ? { [GEN_AI.usageCacheReadInputTokens]: usage.cachedInputTokens } : {}),
    ...(usage.cacheWriteInputTokens
      ? { [GEN_AI.usageCacheCreationInputTokens]: usage.cacheWriteInputTokens }
      : {}),
    ...(cost === undefined ? {} : { [GEN_AI.usageCost]: cost }),
  });
}
