import { json } from '../../http/respond';
import type { ErrorRenderer } from '../../http/route';

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

/** Error renderers in Anthropic's shape (statuses map to @anthropic-ai/sdk's error classes). */
export function anthropicErrors(requestId: string): ErrorRenderer {
  return {
    badRequest: (message) => anthropicError(400, 'invalid_request_error', message, requestId),
    unauthorized: () => anthropicError(401, 'authentication_error', 'invalid x-api-key', requestId),
    notFound: (message) => anthropicError(404, 'not_found_error', message, requestId),
    contextTooLong: (promptTokens, limit) =>
      anthropicError(
        400,
        'invalid_request_error',
        `prompt is too long: ${promptTokens} tokens > ${limit} maximum`,
        requestId,
      ),
    rateLimited: (info) =>
      anthropicError(
        429,
        'rate_limit_error',
        `This request would exceed the rate limit for your organization (mock-org) of ${info.limit.toLocaleString('en-US')} ${UNIT[info.bucket] ?? info.bucket} per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
        requestId,
        { 'retry-after': String(Math.max(1, Math.ceil(info.retryAfterMs / 1000))) },
      ),
    overloaded: () => anthropicError(529, 'overloaded_error', 'Overloaded', requestId),
    serverError: () => anthropicError(500, 'api_error', 'Internal server error', requestId),
  };
}
