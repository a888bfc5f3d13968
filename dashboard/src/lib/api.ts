import { getToken, reportUnauthorized } from './token';

/** An API failure carrying the server's own message (from `{error: {code, message}}`). */
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

/** Turn any error body (`{error: {code|type, message}}`, text, nothing) into a message. */
export function errorFromBody(status: number, body: unknown, fallback: string): ApiError {
  const e = (body as { error?: { code?: string; type?: string; message?: string } } | null)?.error;
  const message = typeof e?.message === 'string' && e.message ? e.message : fallback;
  return new ApiError(status, e?.code ?? e?.type ?? `http_${status}`, message);
}

/**
 * Typed fetch of the harness API: JSON in and out, `Authorization: Bearer` when a token is stored,
 * throws `ApiError` with the server's message on any non-2xx (a 401 also raises the token prompt).
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const token = getToken();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      ...(init.signal ? { signal: init.signal } : {}),
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
    if (res.status === 401) reportUnauthorized();
    throw errorFromBody(res.status, body, `${init.method ?? 'GET'} ${path} failed: HTTP ${res.status}`);
  }
  return body as T;
}

/** Build a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
