/**
 * The one mapping from the harness server's `POST /api/invoke/:pattern` answer to a driver
 * outcome. The server is written elsewhere; if its answer changes shape, only this file moves.
 */
import { z } from 'zod';
import type { Outcome } from './types';

/** The invoke answer as the HTTP API contract describes it (extra fields are ignored). */
export const invokeResponseSchema = z.object({
  ok: z.boolean(),
  errorClass: z.string().optional(),
  latencyMs: z.number().optional(),
  ttftMs: z.number().nullable().optional(),
  tokens: z.object({ input: z.number(), output: z.number() }).partial().nullable().optional(),
  costUsd: z.number().nullable().optional(),
  retries: z.number().optional(),
  fallbackUsed: z.boolean().optional(),
});

/** Map an invoke answer (parsed JSON body + HTTP status) to an outcome; a foreign body is its own error class. */
export function outcomeFromInvoke(body: unknown, status: number): Outcome {
  const parsed = invokeResponseSchema.safeParse(body);
  if (!parsed.success) {
    return {
      status: 'error',
      errorClass: status >= 400 ? httpErrorClass(status) : 'invalid_invoke_response',
    };
  }
  const b = parsed.data;
  const outcome: Outcome = b.ok
    ? { status: 'ok' }
    : { status: 'error', errorClass: b.errorClass ?? (status >= 400 ? httpErrorClass(status) : 'unknown') };
  if (b.ttftMs != null) outcome.ttftMs = b.ttftMs;
  if (b.tokens?.input != null) outcome.tokensIn = b.tokens.input;
  if (b.tokens?.output != null) outcome.tokensOut = b.tokens.output;
  if (b.costUsd != null) outcome.costUsd = b.costUsd;
  if (b.retries !== undefined) outcome.retries = b.retries;
  if (b.fallbackUsed !== undefined) outcome.fallbackUsed = b.fallbackUsed;
  if (b.latencyMs !== undefined) outcome.serverLatencyMs = b.latencyMs;
  return outcome;
}

/** `http_4xx` / `http_5xx` (or `http_<status>` otherwise) for a non-2xx answer of any URL target. */
export function httpErrorClass(status: number): string {
  if (status >= 400 && status < 500) return 'http_4xx';
  if (status >= 500 && status < 600) return 'http_5xx';
  return `http_${status}`;
}
