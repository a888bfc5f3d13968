import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';

/** Constant-time comparison of a presented bearer token with the configured one. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Extract `Bearer <token>` from an Authorization header. */
export function bearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(.+)$/i);
  return m?.[1]?.trim();
}

/** Require `Authorization: Bearer $HARNESS_TOKEN` on every API call when a token is configured. */
export function requireToken(token: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (!token || tokenMatches(token, bearer(req.headers.authorization))) return next();
    next(new HttpError(401, 'unauthorized', 'missing or wrong bearer token (HARNESS_TOKEN)'));
  };
}

/** Host headers that can only have come from this machine. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * Why a browser-borne request must be refused, or undefined when it may pass. A request carrying an
 * `Origin` (browsers send it on cross-site requests, WebSocket handshakes and every non-GET) must come
 * from the page's own origin, so no other site can drive the harness from a user's browser (CSRF,
 * cross-site WebSocket). Without a token (the loopback default) the Host must also be a loopback
 * name, which defeats DNS rebinding. Clients that send no `Origin` (curl, SDKs, k6) are unaffected.
 */
export function originProblem(
  headers: { host?: string | undefined; origin?: string | undefined },
  token: string | undefined,
): string | undefined {
  const host = headers.host ?? '';
  if (!token && !LOOPBACK_HOST.test(host)) return `Host "${host}" is not a loopback address`;
  if (headers.origin === undefined) return undefined;
  let origin: URL;
  try {
    origin = new URL(headers.origin);
  } catch {
    return `malformed Origin "${headers.origin}"`;
  }
  return origin.host.toLowerCase() === host.toLowerCase()
    ? undefined
    : `cross-origin request from ${headers.origin}`;
}

/** Refuse cross-origin browser requests (403); same-origin pages (the dashboard) pass. */
export function sameOriginOnly(token: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const problem = originProblem(req.headers, token);
    next(problem ? new HttpError(403, 'forbidden_origin', problem) : undefined);
  };
}
