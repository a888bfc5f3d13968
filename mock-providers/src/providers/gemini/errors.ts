import { json } from '../../http/respond';
import type { ErrorRenderer } from '../../http/route';

/** Gemini error body: `{ error: { code, message, status, details } }` (wire-formats §4.5). */
export function geminiError(code: number, status: string, message: string, details: unknown[] = []) {
  return json({ error: { code, message, status, details } }, code);
}

/** Error renderers in Gemini's (google.rpc) shape. */
export function geminiErrors(): ErrorRenderer {
  return {
    badRequest: (message) => geminiError(400, 'INVALID_ARGUMENT', message),
    unauthorized: () =>
      geminiError(
        403,
        'PERMISSION_DENIED',
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      ),
    notFound: (message) => geminiError(404, 'NOT_FOUND', message),
    contextTooLong: (promptTokens, limit) =>
      geminiError(
        400,
        'INVALID_ARGUMENT',
        `The input token count (${promptTokens}) exceeds the maximum number of tokens allowed (${limit}).`,
      ),
    rateLimited: (retryAfterMs) =>
      geminiError(
        429,
        'RESOURCE_EXHAUSTED',
        'You exceeded your current quota, please check your plan and billing details.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: `${Math.max(1, Math.ceil(retryAfterMs / 1000))}s`,
          },
        ],
      ),
    overloaded: () => geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    serverError: () =>
      geminiError(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ),
  };
}

/** 404 message for a model that does not exist or does not support the verb. */
export function geminiModelNotFound(model: string, version: string, verb: string): string {
  return `models/${model} is not found for API version ${version}, or is not supported for ${verb}. Call ListModels to see the list of available models and their supported methods.`;
}
