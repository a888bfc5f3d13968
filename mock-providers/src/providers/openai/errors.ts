import { json } from '../../http/respond';
import type { ErrorRenderer } from '../../http/route';

/** OpenAI error body: `{ error: { message, type, param, code } }` (wire-formats §2.3). */
function body(message: string, type: string, param: string | null, code: string | null) {
  return { error: { message, type, param, code } };
}

/** Error renderers in OpenAI's shape (statuses map to openai-node's error classes). */
export function openaiErrors(): ErrorRenderer {
  return {
    badRequest: (message, param = null, code = null) =>
      json(body(message, 'invalid_request_error', param, code), 400),
    unauthorized: () =>
      json(
        body(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'invalid_request_error',
          null,
          'invalid_api_key',
        ),
        401,
      ),
    notFound: (message) => json(body(message, 'invalid_request_error', null, 'model_not_found'), 404),
    contextTooLong: (promptTokens, limit) =>
      json(
        body(
          `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`,
          'invalid_request_error',
          'messages',
          'context_length_exceeded',
        ),
        400,
      ),
    rateLimited: (info) => {
      const ms = Math.max(1, Math.ceil(info.retryAfterMs));
      const per = info.bucket === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
      const message = `Rate limit reached for ${info.model} in organization org-mock on ${per}: Limit ${info.limit}, Used ${info.limit - info.remaining}, Requested ${info.requested}. Please try again in ${ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3)}s`}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
      return json(
        body(message, info.bucket === 'requests' ? 'requests' : 'tokens', null, 'rate_limit_exceeded'),
        429,
        { 'retry-after': String(Math.ceil(ms / 1000)), 'retry-after-ms': String(ms) },
      );
    },
    overloaded: () =>
      json(
        body('The engine is currently overloaded, please try again later.', 'server_error', null, null),
        503,
      ),
    serverError: () =>
      json(
        body(
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
          null,
        ),
        500,
      ),
    requestTimeout: () => json(body('Request timed out.', 'server_error', null, 'timeout'), 408),
    conflict: () =>
      json(
        body(
          'The request conflicted with another request; please retry.',
          'invalid_request_error',
          null,
          'conflict',
        ),
        409,
      ),
    spendLimit: () =>
      json(
        body(
          'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
          'insufficient_quota',
          null,
          'insufficient_quota',
        ),
        429,
      ),
  };
}

/** 404 body for an unknown model id. */
export function modelNotFound(model: string): string {
  return `The model \`${model}\` does not exist or you do not have access to it.`;
}
