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
    rateLimited: (info) => {
      const requests = info.bucket === 'requests';
      const seconds = Math.max(1, Math.ceil(info.retryAfterMs / 1000));
      return geminiError(
        429,
        'RESOURCE_EXHAUSTED',
        `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. Please retry in ${seconds}s.`,
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: `generativelanguage.googleapis.com/${requests ? 'generate_content_paid_tier_requests' : 'generate_content_paid_tier_input_token_count'}`,
                quotaId: requests
                  ? 'GenerateRequestsPerMinutePerProjectPerModel-PaidTier'
                  : 'GenerateContentPaidTierInputTokensPerModelPerMinute-PaidTier',
                quotaDimensions: { location: 'global', model: info.model },
                quotaValue: String(info.limit),
              },
            ],
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              {
                description: 'Learn more about Gemini API quotas',
                url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` },
        ],
      );
    },
    overloaded: () => geminiError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
    serverError: () =>
      geminiError(
        500,
        'INTERNAL',
        'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
      ),
    requestTimeout: () => geminiError(408, 'DEADLINE_EXCEEDED', 'The request timed out. Please try again.'),
    conflict: () =>
      geminiError(409, 'ABORTED', 'The operation was aborted due to a concurrency conflict. Please retry.'),
    spendLimit: () =>
      geminiError(
        429,
        'RESOURCE_EXHAUSTED',
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
            violations: [
              {
                quotaMetric: 'generativelanguage.googleapis.com/generate_content_paid_tier_spend',
                quotaId: 'GenerateContentSpendPerProjectPerMonth-PaidTier',
              },
            ],
          },
        ],
      ),
  };
}

/** 404 message for a model that does not exist or does not support the verb. */
export function geminiModelNotFound(model: string, version: string, verb: string): string {
  return `models/${model} is not found for API version ${version}, or is not supported for ${verb}. Call ListModels to see the list of available models and their supported methods.`;
}
