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
