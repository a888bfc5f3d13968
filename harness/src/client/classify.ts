import {
  BrokenCircuitError,
  BulkheadRejectedError,
  IsolatedCircuitError,
  TaskCancelledError,
} from 'cockatiel';
import { ClassifiedError, type ErrorClass } from './error-class';
import { retryAfterMs, serverShouldRetry } from './retry-after';

/** Where in the exchange the error surfaced: before/at the response headers, or mid-stream. */
export type Phase = 'request' | 'stream';

interface SdkLikeError {
  status?: number;
  headers?: unknown;
  error?: unknown;
  code?: string | null;
  type?: string;
  message?: string;
  name?: string;
  cause?: unknown;
}

function statusClass(status: number, body: unknown, message: string): ErrorClass {
  const text = `${JSON.stringify(body ?? '')} ${message}`;
  if (status === 429)
    return /insufficient_quota|spend limit|exceeded your current quota/i.test(text)
      ? 'spend_limit'
      : 'rate_limit';
  if (status === 529 || status === 503) return 'overloaded';
  if (status === 408) return 'request_timeout';
  if (status === 409) return 'conflict';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'server_error';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 413) return 'context_length';
  if (/context_length_exceeded|prompt is too long|exceeds the maximum number of tokens/i.test(text)) {
    return 'context_length';
  }
  return 'bad_request';
}

/** Mid-stream error events carry a type but no status (Anthropic `event: error`, OpenAI error chunk). */
function streamEventClass(body: unknown, message: string): ErrorClass {
  const text = `${JSON.stringify(body ?? '')} ${message}`;
  if (/overloaded/i.test(text)) return 'overloaded';
  if (/rate_limit|RESOURCE_EXHAUSTED/i.test(text)) return 'rate_limit';
  return 'server_error';
}

/** Gemini's ApiError carries the JSON error body as its message. */
function parseJsonMessage(message: string | undefined): unknown {
  try {
    return message ? JSON.parse(message) : undefined;
  } catch {
    return undefined;
  }
}

/** The `code` of an error or of the first cause that has one (undici puts it a level or two down). */
function causeCode(e: unknown): string {
  let cur = e as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; cur && depth < 4; depth++) {
    if (typeof cur.code === 'string') return cur.code;
    cur = cur.cause as typeof cur;
  }
  return '';
}

/**
 * Classify anything an attempt threw, once. SDK HTTP errors map by status (with retry-after read
 * from headers or Gemini's RetryInfo, and `x-should-retry` deciding `retryable` when sent); parse failures map to `invalid_json` (whole body) or
 * `chunk_malformed` (one SSE event); a body cut mid-stream is `sse_drop`; cockatiel's rejections are
 * `breaker_open` / `queue_full` / `timeout`.
 */
export function classifyError(e: unknown, phase: Phase = 'request'): ClassifiedError {
  if (e instanceof ClassifiedError) return e;
  if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
    return new ClassifiedError('breaker_open', 'circuit breaker is open', { cause: e, retryable: false });
  }
  if (e instanceof BulkheadRejectedError) {
    return new ClassifiedError('queue_full', 'bulkhead queue is full (backpressure)', {
      cause: e,
      retryable: false,
    });
  }
  if (e instanceof TaskCancelledError) return new ClassifiedError('timeout', 'timed out', { cause: e });
  const err = (e ?? {}) as SdkLikeError;
  const message = err.message ?? String(e);
  // Stainless SDK errors (openai, anthropic) keep `name` 'Error': their class name tells the kind.
  const kind = typeof e === 'object' && e !== null ? (e.constructor?.name ?? '') : '';
  const is = (name: string) => err.name === name || kind === name;
  if (err.name === 'SyntaxError' || e instanceof SyntaxError) {
    return new ClassifiedError(phase === 'stream' ? 'chunk_malformed' : 'invalid_json', message, {
      cause: e,
    });
  }
  if (/Incomplete JSON segment/i.test(message)) return new ClassifiedError('sse_drop', message, { cause: e });
  if (
    is('APIConnectionTimeoutError') ||
    err.name === 'TimeoutError' ||
    /^UND_ERR_(BODY|HEADERS)_TIMEOUT$/.test(causeCode(e))
  ) {
    return new ClassifiedError('timeout', message, { cause: e });
  }
  if (typeof err.status === 'number') {
    const body = err.error ?? parseJsonMessage(err.message);
    const errorClass = statusClass(err.status, body, message);
    const wait = retryAfterMs(
      err.headers as Parameters<typeof retryAfterMs>[0],
      body,
      Date.now(),
      err.status,
    );
    const should = serverShouldRetry(err.headers as Parameters<typeof serverShouldRetry>[0]);
    return new ClassifiedError(errorClass, message, {
      status: err.status,
      cause: e,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
      ...(should === undefined ? {} : { shouldRetry: should }),
    });
  }
  if (is('APIError') || (err.error && err.status === undefined && phase === 'stream')) {
    return new ClassifiedError(streamEventClass(err.error, message), message, { cause: e });
  }
  if (err.name === 'AbortError' || is('APIUserAbortError')) {
    return new ClassifiedError('cancelled', message, { cause: e, retryable: false });
  }
  const network =
    /terminated|ECONNRESET|ECONNREFUSED|EPIPE|socket|other side closed|fetch failed|Connection error/i;
  if (network.test(message) || network.test(String((err.cause as Error | undefined)?.message ?? ''))) {
    return new ClassifiedError(phase === 'stream' ? 'sse_drop' : 'network', message, { cause: e });
  }
  return new ClassifiedError('unknown', message, { cause: e, retryable: false });
}
