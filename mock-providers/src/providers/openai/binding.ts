import { randomHex } from '../../http/ids';
import { bearer, type ProviderBinding } from '../../http/route';
import { openaiErrors } from './errors';

/** OpenAI's error bodies carry no request id: one renderer serves every request. */
const ERRORS = openaiErrors();

/** OpenAI auth (Bearer), `req_<hex>` request ids and standard response headers. */
export const openaiBinding: ProviderBinding = {
  provider: 'openai',
  apiKey: (request) => bearer(request),
  newRequestId: () => `req_${randomHex(16)}`,
  errors: () => ERRORS,
  decorate(response, requestId, startedAt) {
    response.headers.set('x-request-id', requestId);
    response.headers.set('openai-version', '2020-10-01');
    response.headers.set(
      'openai-processing-ms',
      String(Math.max(1, Math.round(performance.now() - startedAt))),
    );
  },
};
