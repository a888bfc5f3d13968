import { SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { GEN_AI, GENERAL, HARNESS } from '../telemetry/attributes';
import type { CallMetrics } from './call-outcome';
import type { ClassifiedError } from './error-class';

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
