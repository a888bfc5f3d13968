import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import { type ErrorRenderer, type ProviderBinding, providerRoute, type RouteScope } from '../../http/route';
import { geminiErrors } from './errors';

/** Gemini's error bodies carry no request id: one renderer serves every request. */
const ERRORS = geminiErrors();

/** Gemini auth (`x-goog-api-key` or `?key=`); no request-id header is documented. */
export const geminiBinding: ProviderBinding = {
  provider: 'gemini',
  apiKey: (request, url) =>
    request.headers.get('x-goog-api-key')?.trim() || url.searchParams.get('key') || undefined,
  newRequestId: () => '',
  errors: () => ERRORS,
  decorate: () => undefined,
};

const PATH = /\/(v1beta|v1)\/models\/([^/:]+):([A-Za-z]+)$/;

/**
 * One Gemini verb (`:generateContent`…) under both `/v1beta` and `/v1`, matched by its `:verb`
 * suffix so `/v1/models/{m}:verb` never collides with OpenAI's `/v1/models/{id}`.
 * Params: `version`, `model`.
 */
export function geminiRoute(
  ctx: MockContext,
  verb: string,
  resolve: (scope: RouteScope, errors: ErrorRenderer) => Promise<Response>,
  options: { faultSite?: boolean } = {},
): HttpHandler {
  const predicate = ({ request }: { request: Request }) => {
    const path = new URL(request.url).pathname;
    const m = PATH.exec(path);
    if (!m || m[3] !== verb) return { matches: false, params: {} };
    return { matches: true, params: { version: m[1] as string, model: decodeURIComponent(m[2] as string) } };
  };
  return providerRoute(
    ctx,
    geminiBinding,
    'post',
    predicate,
    `POST /v1beta/models/{model}:${verb}`,
    resolve,
    options,
  );
}
