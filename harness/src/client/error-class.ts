import { FAULT_KINDS, type FaultKind } from 'mock-providers/faults';
import type { Usage } from '../cost/cost';

/** Client-side and plain-HTTP endings the mock never injects as such. */
const CLIENT_CLASSES = [
  'breaker_open',
  'queue_full',
  'cancelled',
  'auth',
  'bad_request',
  'not_found',
  'context_length',
  'network',
  'unknown',
] as const;

/**
 * Every way a logical call can end badly, as one low-cardinality name (`error.type` on spans):
 * the mock's fault kinds one-to-one (one list, owned by mock-providers), then client-side classes.
 */
export type ErrorClass = FaultKind | (typeof CLIENT_CLASSES)[number];

export const ERROR_CLASSES = [...FAULT_KINDS, ...CLIENT_CLASSES] as readonly ErrorClass[] as [
  ErrorClass,
  ...ErrorClass[],
];

/** Classes worth another attempt with the same input; everything else fails fast. */
const RETRYABLE: ReadonlySet<ErrorClass> = new Set<ErrorClass>([
  'rate_limit',
  'overloaded',
  'server_error',
  'timeout',
  'invalid_json',
  'sse_drop',
  'sse_stall',
  'chunk_malformed',
  'incomplete_json',
  'request_timeout',
  'conflict',
  'network',
]);

/** Whether a class is transient (retry may succeed) by nature. */
export function isRetryableClass(c: ErrorClass): boolean {
  return RETRYABLE.has(c);
}

/**
 * An error classified once, at the place it happened; everything downstream (retry, breaker,
 * fallback, spans, reports) reads these fields and never re-inspects the raw error.
 */
export class ClassifiedError extends Error {
  override readonly name = 'ClassifiedError';
  readonly retryable: boolean;

  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly details: {
      status?: number;
      /** Server-advised wait before the next attempt (retry-after, reset headers, RetryInfo). */
      retryAfterMs?: number;
      /**
       * The server's `x-should-retry`, when it sent one: it decides `retryable` and overrides the
       * retry policy's own limits, as in the official OpenAI and Anthropic SDKs.
       */
      shouldRetry?: boolean;
      /** Tokens the failed attempt still consumed (a dropped stream is billed for what it sent). */
      usage?: Usage;
      retryable?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.retryable = details.shouldRetry ?? details.retryable ?? isRetryableClass(errorClass);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }

  get shouldRetry(): boolean | undefined {
    return this.details.shouldRetry;
  }
}
