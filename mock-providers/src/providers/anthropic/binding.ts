import { randomAlnum } from '../../http/ids';
import { bearer, type ProviderBinding } from '../../http/route';
import { anthropicErrors } from './errors';

/** Anthropic auth (`x-api-key` or `Authorization: Bearer`), `request-id` header. */
export const anthropicBinding: ProviderBinding = {
  provider: 'anthropic',
  apiKey: (request) => request.headers.get('x-api-key')?.trim() || bearer(request),
  newRequestId: () => `req_011C${randomAlnum(20)}`,
  errors: (requestId) => anthropicErrors(requestId),
  decorate(response, requestId) {
    response.headers.set('request-id', requestId);
  },
};
