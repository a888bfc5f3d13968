import { type HttpHandler, http } from 'msw';
import type { MockContext } from '../context';
import { HttpFailure } from './respond';

/** What a provider route's resolver receives. */
export interface RouteScope {
  request: Request;
  url: URL;
  params: Record<string, string>;
  requestId: string;
  /** The caller's API key (already checked non-empty). */
  apiKey: string;
}

/** Errors every provider renders in its own shape; the fault engine reuses them later. */
export interface ErrorRenderer {
  badRequest(message: string, param?: string | null, code?: string | null): Response;
  unauthorized(): Response;
  notFound(message: string): Response;
  contextTooLong(promptTokens: number, limit: number): Response;
  rateLimited(retryAfterMs: number): Response;
  overloaded(): Response;
  serverError(): Response;
}

/** How one provider authenticates, names requests, renders errors and decorates responses. */
export interface ProviderBinding {
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
 * One MSW handler for a provider endpoint: auth → resolver → provider headers → stats.
 * `label` is the stats route key (`POST /v1/chat/completions`).
 */
export function providerRoute(
  ctx: MockContext,
  binding: ProviderBinding,
  method: Method,
  path: Path,
  label: string,
  resolve: (scope: RouteScope, errors: ErrorRenderer) => Promise<Response>,
): HttpHandler {
  return http[method](path, async ({ request, params }) => {
    const startedAt = performance.now();
    const url = new URL(request.url);
    const requestId = binding.newRequestId();
    const errors = binding.errors(requestId);
    let response: Response;
    try {
      const apiKey = binding.apiKey(request, url);
      if (!apiKey) response = errors.unauthorized();
      else
        response = await resolve(
          { request, url, params: params as Record<string, string>, requestId, apiKey },
          errors,
        );
    } catch (err) {
      if (!(err instanceof HttpFailure)) console.error('[mock-providers] handler error', err);
      response = err instanceof HttpFailure ? err.response : errors.serverError();
    }
    binding.decorate(response, requestId, startedAt);
    ctx.stats.record(label, response.status);
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
