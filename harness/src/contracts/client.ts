/**
 * The one typed client of the harness API, used by the dashboard and the CLI: calls are named by
 * route (`call('report', { params: { id } })`), paths built from the route map, and every 2xx answer
 * checked against the route's response schema, so a server/client drift fails loudly, naming the
 * route and the field.
 */
import { API_ROUTES, type RouteName, type RouteResponse } from './routes';

/** A non-2xx answer, carrying the server's own `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A 2xx answer that does not match the route's schema. */
export class ApiContractError extends Error {
  override name = 'ApiContractError';
}

/** Path parameters, query string and body of one call. */
export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
}

/** Where the API is and how to authenticate. */
export interface ClientOptions {
  /** `http://127.0.0.1:3000`, or '' for same-origin (the dashboard). */
  baseUrl: string;
  token?: () => string | undefined;
  /** Called on a 401 before the error is thrown (the dashboard opens its token prompt). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

/** The path of a route with its `:params` filled (URL-encoded) and its query string. */
export function routeUrl(name: RouteName, opts: Pick<CallOptions, 'params' | 'query'> = {}): string {
  const path = API_ROUTES[name].path.replace(/:(\w+)/g, (_m, key: string) => {
    const v = opts.params?.[key];
    if (v === undefined) throw new Error(`route ${name} needs the path parameter "${key}"`);
    return encodeURIComponent(v);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Turn any error body (`{error: {code|type, message}}`, text, nothing) into an ApiError. */
export function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  const e = (body as { error?: { code?: string; type?: string; message?: string } } | null)?.error;
  const message = typeof e?.message === 'string' && e.message ? e.message : fallback;
  return new ApiError(status, e?.code ?? e?.type ?? `http_${status}`, message);
}

/** A typed client over the route map. */
export function createApiClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  return {
    async call<N extends RouteName>(name: N, opts: CallOptions = {}): Promise<RouteResponse<N>> {
      const spec = API_ROUTES[name];
      const url = `${options.baseUrl}${routeUrl(name, opts)}`;
      const token = options.token?.();
      const headers: Record<string, string> = { accept: 'application/json' };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      let res: Response;
      try {
        res = await doFetch(url, {
          method: spec.method,
          headers,
          ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw new ApiError(0, 'network', `the harness did not answer (${(e as Error).message})`);
      }
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      if (!res.ok) {
        if (res.status === 401) options.onUnauthorized?.();
        throw errorFromBody(res.status, body, `${spec.method} ${url} failed: HTTP ${res.status}`);
      }
      const parsed = spec.response.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ApiContractError(
          `${spec.method} ${spec.path} answered a body that breaks the API contract at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
        );
      }
      return parsed.data as RouteResponse<N>;
    },
  };
}

/** The client `createApiClient` returns. */
export type ApiClient = ReturnType<typeof createApiClient>;
