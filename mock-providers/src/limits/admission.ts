import type { MockContext } from '../context';
import type { FaultKind } from '../faults/kinds';
import type { ErrorRenderer, RouteScope } from '../http/route';
import type { Provider } from '../models/catalog';
import type { GroundTruth } from '../telemetry/ground-truth';
import { rateLimitHeaders } from './headers';
import type { Admission, Amounts, BucketState } from './limiter';

/** Limiter cost of a request: Anthropic charges input and output buckets, the others one token bucket. */
export const amounts = (p: Provider, input: number, output: number): Amounts =>
  p === 'anthropic'
    ? { requests: 1, input_tokens: input, output_tokens: output }
    : { requests: 1, tokens: input + output };

/** Sets extra headers on a response and returns it. */
export const withHeaders = (response: Response, headers: Record<string, string>): Response => {
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
};

/** Ground truth of the limiter: limited or not, and each bucket's limit and remaining. */
export function recordLimits(truth: GroundTruth, states: readonly BucketState[], limited: boolean): void {
  truth.set({ 'mock.ratelimit.limited': limited });
  for (const s of states)
    truth.set({
      [`mock.ratelimit.${s.kind}.limit`]: s.limit,
      [`mock.ratelimit.${s.kind}.remaining`]: s.remaining,
    });
}

/**
 * A 429 in the provider's shape: the error body naming the exhausted bucket, `retry-after`
 * (+ `retry-after-ms` for OpenAI) and the provider's rate-limit headers for the current state.
 */
export function rateLimitedResponse(
  ctx: MockContext,
  errors: ErrorRenderer,
  truth: GroundTruth,
  r: {
    provider: Provider;
    model: string;
    states: BucketState[];
    bucket: string;
    retryAfterMs: number;
    requested: number;
  },
): Response {
  const s = r.states.find((b) => b.kind === r.bucket);
  const limit = s?.limit ?? ctx.limiter.limitsOf(r.provider, r.model)?.rpm ?? 0;
  const info = {
    retryAfterMs: r.retryAfterMs,
    model: r.model,
    bucket: r.bucket,
    limit,
    remaining: s?.remaining ?? 0,
    requested: r.requested,
  };
  truth.set({ 'mock.retry_after_ms': r.retryAfterMs });
  return withHeaders(errors.rateLimited(info), rateLimitHeaders(r.provider, r.states, ctx.clock()));
}

/**
 * The limiter's gate for one request. An injected `rate_limit` answers a 429 from the current
 * state (advising the real wait, or a nominal second × timeScale); a forced fault passes without
 * being refused or charged (it is what the caller asked to see); anything else is admitted or
 * refused by the token buckets. Admitted requests get the rate-limit headers and a `settle` that
 * corrects the reservation to what was really produced (`null` = nothing was processed).
 */
export function admit(
  ctx: MockContext,
  scope: RouteScope,
  errors: ErrorRenderer,
  r: {
    provider: Provider;
    model: string;
    input: number;
    reservedOutput: number;
    kind?: FaultKind;
    source?: 'forced' | 'profile';
  },
): { response: Response } | { headers: Record<string, string>; settle(output: number | null): void } {
  const { truth, apiKey } = scope;
  const { provider, model } = r;
  const cost = amounts(provider, r.input, r.reservedOutput);
  const reject = (states: BucketState[], bucket: string, retryAfterMs: number, requested: number) => ({
    response: rateLimitedResponse(ctx, errors, truth, {
      provider,
      model,
      states,
      bucket,
      retryAfterMs,
      requested,
    }),
  });
  if (r.kind === 'rate_limit') {
    const states = ctx.limiter.peek(apiKey, provider, model);
    recordLimits(truth, states, false);
    truth.fault('rate_limit', r.source ?? 'forced');
    const wait = Math.max(ctx.limiter.waitMs(apiKey, provider, model, cost), 1000 * ctx.config.timeScale);
    return reject(states, 'requests', wait, 1);
  }
  const admission: Admission =
    r.source === 'forced'
      ? { limited: false, states: ctx.limiter.peek(apiKey, provider, model), settle: () => undefined }
      : ctx.limiter.admit(apiKey, provider, model, cost);
  recordLimits(truth, admission.states, admission.limited);
  if (admission.limited) {
    truth.fault('rate_limit', 'limiter');
    return reject(admission.states, admission.bucket, admission.retryAfterMs, admission.requested);
  }
  return {
    headers: rateLimitHeaders(provider, admission.states, ctx.clock()),
    settle: (output) =>
      admission.settle(output === null ? { requests: 1 } : amounts(provider, r.input, output)),
  };
}
