import {
  type Attributes,
  type Context,
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
  /** `performance.now()` by which the whole logical call must end (its total timeout). */
  deadlineAt: number;
  /** Stream silence limit; only armed for streaming attempts. */
  idleMs: number;
  resendCount: number;
  headers: Record<string, string>;
  /** The caller's cancellation signal, if any. */
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

const noop = () => {};

/**
 * Less time than this left in the call counts as none: timers fire up to ~2 ms early, so a
 * retry wait cut to the deadline would otherwise start a doomed sub-millisecond attempt.
 */
export const MIN_ATTEMPT_MS = 1;

/** The call's time is up: no attempt can follow, so the error is final. */
export function deadlineReached(): ClassifiedError {
  return new ClassifiedError('timeout', 'call deadline reached', { retryable: false });
}

/** The error of an attempt that ran out of time: its own limit, or the call's deadline. */
function limitError(spec: AttemptSpec, byDeadline: boolean): ClassifiedError {
  return byDeadline
    ? deadlineReached()
    : new ClassifiedError('timeout', `attempt exceeded ${spec.attemptMs} ms`);
}

/**
 * Run one physical attempt under its own CLIENT span (a sibling per retry, with
 * `http.request.resend_count` from the first resend on). One timer bounds it by the attempt timeout
 * or the call's deadline, whichever comes first; a stream also gets an idle timer that every chunk
 * refreshes. The span's context rides to the provider as `traceparent`, so the mock's ground-truth
 * span joins the trace.
 */
export async function runAttempt<T extends { usage: Usage }>(
  spec: AttemptSpec,
  fn: (options: AttemptOptions) => Promise<T>,
  describe?: (value: T, stream: boolean) => Attributes,
): Promise<AttemptOutcome<T>> {
  const { adapter, model } = spec;
  const remainingMs = spec.deadlineAt - performance.now();
  if (remainingMs < MIN_ATTEMPT_MS) throw deadlineReached();
  if (spec.signal?.aborted) throw classifyError(spec.signal.reason);
  const attributes: Attributes = {
    [GEN_AI.operationName]: spec.operation,
    [GEN_AI.providerName]: PROVIDER_SEMCONV[adapter.provider],
    [GEN_AI.requestModel]: model,
    [GENERAL.serverAddress]: adapter.serverAddress,
    [GENERAL.serverPort]: adapter.serverPort,
    [HARNESS.attempt]: spec.resendCount + 1,
  };
  if (spec.stream) attributes[GEN_AI.requestStream] = true;
  if (spec.resendCount > 0) attributes[GENERAL.httpResendCount] = spec.resendCount;
  const span = spec.tracer.startSpan(
    `${spec.operation} ${model}`,
    { kind: SpanKind.CLIENT, attributes },
    spec.parent,
  );
  const headers = { ...spec.headers };
  propagation.inject(trace.setSpan(spec.parent, span), headers);
  const byDeadline = remainingMs < spec.attemptMs;
  const limitMs = byDeadline ? remainingMs : spec.attemptMs;
  // Our own controller rather than the SDK's per-request timeout: the SDKs clear theirs once the
  // head arrives, and the limit must also hold while the body is read.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(limitError(spec, byDeadline)), limitMs);
  const idleTimer = spec.stream
    ? setTimeout(
        () => controller.abort(new ClassifiedError('sse_stall', `no stream data for ${spec.idleMs} ms`)),
        spec.idleMs,
      )
    : undefined;
  const onOuterAbort = spec.signal ? () => controller.abort(classifyError(spec.signal?.reason)) : undefined;
  if (onOuterAbort) spec.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    const value = await fn({
      signal: controller.signal,
      headers,
      // refresh() re-arms the same timer: no allocation per chunk.
      onChunk: idleTimer ? () => idleTimer.refresh() : noop,
      onContent: noop,
    });
    const cost = costOf(model, value.usage, { batch: spec.batch ?? false })?.total;
    recordUsage(span, value.usage, cost);
    if (describe) span.setAttributes(describe(value, spec.stream));
    return { value, usage: value.usage, costUsd: cost };
  } catch (e) {
    // An abort surfaces as the SDK's own abort error; the reason we aborted with is the truth
    // (unless the adapter already learnt more, e.g. the usage of a stream cut by a stall).
    const aborted =
      controller.signal.aborted &&
      (!(e instanceof ClassifiedError) || e.errorClass === 'cancelled' || e.errorClass === 'unknown');
    const error = aborted ? classifyError(controller.signal.reason) : classifyError(e);
    const usage = error.details.usage;
    if (usage) recordUsage(span, usage, costOf(model, usage, { batch: spec.batch ?? false })?.total);
    span.setAttribute(GENERAL.errorType, error.errorClass);
    if (error.status !== undefined) span.setAttribute(GENERAL.httpStatusCode, error.status);
    if (error.retryAfterMs !== undefined) span.setAttribute(HARNESS.retryAfterMs, error.retryAfterMs);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message.slice(0, 500) });
    throw error;
  } finally {
    clearTimeout(timer);
    if (idleTimer) clearTimeout(idleTimer);
    if (onOuterAbort) spec.signal?.removeEventListener('abort', onOuterAbort);
    span.end();
  }
}

function recordUsage(span: ReturnType<Tracer['startSpan']>, usage: Usage, cost: number | undefined): void {
  const attributes: Attributes = {
    [GEN_AI.usageInputTokens]: usage.inputTokens,
    [GEN_AI.usageOutputTokens]: usage.outputTokens,
  };
  if (usage.cachedInputTokens) attributes[GEN_AI.usageCacheReadInputTokens] = usage.cachedInputTokens;
  if (usage.cacheWriteInputTokens)
    attributes[GEN_AI.usageCacheCreationInputTokens] = usage.cacheWriteInputTokens;
  if (cost !== undefined) attributes[GEN_AI.usageCost] = cost;
  span.setAttributes(attributes);
}
