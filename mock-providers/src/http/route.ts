import type { Attributes } from '@opentelemetry/api';
import { type HttpHandler, http } from 'msw';
import type { MockContext } from '../context';
import { ARRIVAL_ATTRIBUTE, ARRIVAL_ORDINAL_ATTRIBUTE, requestDraw } from '../faults/arrival-draws';
import { type FaultSelection, readSelection, SelectionError } from '../faults/select';
import type { Provider } from '../models/catalog';
import { type GroundTruth, startTruth } from '../telemetry/ground-truth';
import { clientRetryCount, RETRY_COUNT_ATTRIBUTE } from '../telemetry/retry-count';
import { HttpFailure } from './respond';

/** What a provider route's resolver receives. */
export interface RouteScope {
  request: Request;
  url: URL;
  params: Record<string, string>;
  requestId: string;
  /** The caller's API key (already checked non-empty). */
  apiKey: string;
  /** This request's ground-truth span. */
  truth: GroundTruth;
  /** Fault sites only: the validated `x-mock-*` headers and the draw taken at arrival. */
  selection?: FaultSelection;
}

/** What a 429 renderer needs to word the error like the provider does. */
export interface RateLimitInfo {
  retryAfterMs: number;
  model: string;
  /** The bucket that ran out (`requests`, `tokens`, `input_tokens`, `output_tokens`). */
  bucket: string;
  limit: number;
  remaining: number;
  requested: number;
}

/** Errors every provider renders in its own shape; the fault engine reuses them later. */
export interface ErrorRenderer {
  badRequest(message: string, param?: string | null, code?: string | null): Response;
  unauthorized(): Response;
  notFound(message: string): Response;
  contextTooLong(promptTokens: number, limit: number): Response;
  rateLimited(info: RateLimitInfo): Response;
  overloaded(): Response;
  serverError(): Response;
  /** `request_timeout`: 408, which the SDKs retry. */
  requestTimeout(): Response;
  /** `conflict`: 409 (a lock timeout), which the SDKs retry. */
  conflict(): Response;
  /** `spend_limit`: a 429 without `retry-after` that no retry fixes (quota, billing, spend cap). */
  spendLimit(): Response;
}

/** How one provider authenticates, names requests, renders errors and decorates responses. */
export interface ProviderBinding {
  provider: Provider;
  apiKey(request: Request, url: URL): string | undefined;
  newRequestId(): string;
  errors(requestId: string): ErrorRenderer;
  /** Adds the provider's standard headers (request id, processing time…) to any response. */
  decorate(response: Response, requestId: string, startedAt: number): void;
}

type Method = 'get' | 'post' | 'put' | 'delete';
type Path =
  | string
  | ((args: { request: Request }) => boolean | { matches: boolean; params: Record<string, string> });

/**
 * One MSW handler for a provider endpoint: arrival draw → ground-truth span → auth → control
 * headers → resolver → provider headers → stats. `label` is the stats route key and span name
 * (`POST /v1/chat/completions`). Fault sites take their draw first, synchronously, so unkeyed
 * draws follow arrival order at the handler (a request naming its load arrival in baggage draws by
 * that key instead: faults/arrival-draws.ts); other routes take no draw and ignore `x-mock-*`
 * headers.
 */
export function providerRoute(
  ctx: MockContext,
  binding: ProviderBinding,
  method: Method,
  path: Path,
  label: string,
  resolve: (scope: RouteScope, errors: ErrorRenderer) => Promise<Response>,
  options: { faultSite?: boolean } = {},
): HttpHandler {
  return http[method](path, async ({ request, params }) => {
    const draw = options.faultSite
      ? requestDraw(request.headers, label, ctx.arrivalRng, ctx.arrivalDraws)
      : undefined;
    const startedAt = performance.now();
    const url = new URL(request.url);
    const requestId = binding.newRequestId();
    const errors = binding.errors(requestId);
    const retryCount = clientRetryCount(request.headers);
    const attributes: Attributes = { 'mock.seed': ctx.config.seed };
    if (retryCount !== undefined) attributes[RETRY_COUNT_ATTRIBUTE] = retryCount;
    if (draw?.arrival !== undefined) {
      attributes[ARRIVAL_ATTRIBUTE] = draw.arrival;
      attributes[ARRIVAL_ORDINAL_ATTRIBUTE] = draw.ordinal ?? 0;
    }
    const truth = startTruth(ctx.tracer, request, label, binding.provider, attributes, url);
    let response: Response;
    try {
      const apiKey = binding.apiKey(request, url);
      if (!apiKey) response = errors.unauthorized();
      else {
        const scope: RouteScope = {
          request,
          url,
          params: params as Record<string, string>,
          requestId,
          apiKey,
          truth,
        };
        if (draw) scope.selection = readSelection(request.headers, ctx.profile, draw, ctx.faultClaims);
        response = await resolve(scope, errors);
      }
    } catch (err) {
      if (err instanceof SelectionError)
        response = errors.badRequest(err.message, null, 'invalid_mock_control');
      else if (err instanceof HttpFailure) response = err.response;
      else {
        console.error('[mock-providers] handler error', err);
        response = errors.serverError();
      }
    }
    // a network error (`timeout`): no status, no headers, nothing was sent
    const status = response.type === 'error' ? 'none' : response.status;
    if (status !== 'none') binding.decorate(response, requestId, startedAt);
    ctx.stats.record(label, status, truth.faultKind);
    if (!truth.deferred) truth.end(status);
    return response;
  });
}

/** Bearer token of an `Authorization` header, if any. */
export function bearer(request: Request): string | undefined {
  const auth = request.headers.get('authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  const key = m?.[1]?.trim();
  return key ? key : undefined;
}
