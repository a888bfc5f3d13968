import type { HarnessConfig } from '../config';
import type { ApiErrorBody } from '../contracts/api';
import { type ApiClient, createApiClient } from '../contracts/client';

/** Base URL and auth of a running harness, as the CLI reaches it. */
export interface ApiTarget {
  baseUrl: string;
  token: string | undefined;
}

/** The harness this CLI would talk to, from the same environment the server reads. */
export function apiTarget(config: Pick<HarnessConfig, 'host' | 'port' | 'token'>): ApiTarget {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return { baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`, token: config.token };
}

/** The typed API client (route map, checked answers) for a target: `apiCall(target)('report', …)`. */
export function apiCall(target: ApiTarget): ApiClient['call'] {
  return createApiClient({ baseUrl: target.baseUrl, token: () => target.token }).call;
}

/** An API call that failed with the server's own error message. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Call the harness API by path; throws ApiCallError with the server's message on a non-2xx answer.
 * @deprecated unchecked: use `apiCall(target)`, the typed client over the route map.
 */
export async function callApi<T>(
  target: ApiTarget,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(`${target.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const message = (json as ApiErrorBody | undefined)?.error?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiCallError(res.status, message);
  }
  return json as T;
}

/** True when a harness answers its health check at the target. */
export async function harnessIsUp(target: ApiTarget): Promise<boolean> {
  try {
    await callApi(target, '/api/health');
    return true;
  } catch (e) {
    // A 401 means a harness is there but our token is wrong: that is "up", and the call will say why.
    return e instanceof ApiCallError && e.status === 401;
  }
}
