import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';

/** An error with the HTTP status and stable code the API answers with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Turn a zod failure into a 400 that names every bad field. */
export function badRequest(error: z.ZodError, what = 'body'): HttpError {
  const problems = error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  return new HttpError(400, 'invalid_request', `invalid ${what}: ${problems.join('; ')}`, error.issues);
}

/** JSON 404 for unknown API routes. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `no route ${req.method} ${req.path}`));
};

/** The API's error answer: `{ error: { code, message } }` with its status. */
export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string } };
  /** Not one of ours (500): worth logging. */
  unexpected: boolean;
}

/**
 * The one place errors become answers, for every carrier (HTTP, a client worker's invoke port):
 * the right status for body-parser failures (malformed JSON 400, too large 413) and 500 for the
 * unexpected.
 */
export function errorAnswer(err: unknown): ErrorAnswer {
  const e = (err ?? {}) as { status?: number; type?: string; message?: string };
  let status = 500;
  let code = 'internal_error';
  let message = 'internal error';
  let unexpected = false;
  if (err instanceof HttpError) {
    ({ status, code, message } = err);
  } else if (e.type === 'entity.parse.failed') {
    [status, code, message] = [400, 'malformed_json', `malformed JSON body: ${e.message}`];
  } else if (e.type === 'entity.too.large') {
    [status, code, message] = [413, 'body_too_large', 'request body too large'];
  } else if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    [status, code, message] = [e.status, 'bad_request', e.message ?? 'bad request'];
  } else {
    unexpected = true;
  }
  return { status, body: { error: { code, message } }, unexpected };
}

/** Express's error handler over `errorAnswer`; the unexpected go to `log`. */
export function errorHandler(log: (e: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const answer = errorAnswer(err);
    if (answer.unexpected) log(err);
    if (res.headersSent) return;
    res.status(answer.status).json(answer.body);
  };
}
