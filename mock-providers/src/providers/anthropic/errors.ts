import { json } from '../../http/respond';
import type { ErrorRenderer, RateLimitInfo } from '../../http/route';

/** Anthropic error body: `{ type: "error", error: { type, message }, request_id }` (wire-formats §3.5). */
export function anthropicError(
  status: number,
  type: string,
  message: string,
  requestId: string,
  headers?: Record<string, string>,
) {
  return json({ type: 'error', error: { type, message }, request_id: requestId }, status, headers);
}

const UNIT: Record<string, string> = {
  requests: 'requests',
  input_tokens: 'input tokens',
  output_tokens: 'output tokens',
  tokens: 'tokens',
};

/**
 * Error renderers in Anthropic's shape (statuses map to @anthropic-ai/sdk's error classes). A class
 * with bound methods rather than an object of arrows: one is made per request (the body names the
 * request id), and under tsx every arrow made at run time pays a `defineProperty` for its name.
 */
class AnthropicErrors implements ErrorRenderer {
  constructor(private readonly requestId: string) {
    // callers pass the methods around on their own (`validate(…, errors.badRequest)`)
    this.badRequest = this.badRequest.bind(this);
    this.unauthorized = this.unauthorized.bind(this);
    this.notFound = this.notFound.bind(this);
    this.contextTooLong = this.contextTooLong.bind(this);
    this.rateLimited = this.rateLimited.bind(this);
    this.overloaded = this.overloaded.bind(this);
    this.serverError = this.serverError.bind(this);
    this.requestTimeout = this.requestTimeout.bind(this);
    this.conflict = this.conflict.bind(this);
    this.spendLimit = this.spendLimit.bind(this);
  }

  badRequest(message: string): Response {
    return anthropicError(400, 'invalid_request_error', message, this.requestId);
  }

  unauthorized(): Response {
    return anthropicError(401, 'authentication_error', 'invalid x-api-key', this.requestId);
  }

  notFound(message: string): Response {
    return anthropicError(404, 'not_found_error', message, this.requestId);
  }

  contextTooLong(promptTokens: number, limit: number): Response {
    return anthropicError(
      400,
      'invalid_request_error',
      `prompt is too long: ${promptTokens} tokens > ${limit} maximum`,
      this.requestId,
    );
  }

  rateLimited(info: RateLimitInfo): Response {
    return anthropicError(
      429,
      'rate_limit_error',
      `This request would exceed the rate limit for your organization (mock-org) of ${info.limit.toLocaleString('en-US')} ${UNIT[info.bucket] ?? info.bucket} per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
      this.requestId,
      {
        'retry-after': String(Math.max(1, Math.ceil(info.retryAfterMs / 1000))),
        'retry-after-ms': String(Math.max(1, Math.ceil(info.retryAfterMs))),
      },
    );
  }

  overloaded(): Response {
    return anthropicError(529, 'overloaded_error', 'Overloaded', this.requestId);
  }

  serverError(): Response {
    return anthropicError(500, 'api_error', 'Internal server error', this.requestId);
  }

  requestTimeout(): Response {
    return anthropicError(408, 'timeout_error', 'Request timed out', this.requestId);
  }

  conflict(): Response {
    return anthropicError(
      409,
      'api_error',
      'Conflict: the request collided with another; please retry',
      this.requestId,
    );
  }

  /** A workspace spend cap reached: a `rate_limit_error` 429 without `retry-after` (waiting does not help). */
  spendLimit(): Response {
    return anthropicError(
      429,
      'rate_limit_error',
      "This request would exceed your workspace's monthly spend limit. You will regain access at the start of the next month, or raise the limit in the Console.",
      this.requestId,
    );
  }
}

/** Error renderers in Anthropic's shape for one request. */
export function anthropicErrors(requestId: string): ErrorRenderer {
  return new AnthropicErrors(requestId);
}
