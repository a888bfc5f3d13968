import { ApiError, createApiClient } from 'harness/contracts';
import { getToken, reportUnauthorized } from './token';

export { ApiError };

/**
 * The harness API through its one typed client (same origin): calls named by route, the stored
 * token sent as `Authorization: Bearer` (a 401 raises the token prompt), errors in the server's own
 * words, and every answer checked against the route's schema.
 */
const client = createApiClient({ baseUrl: '', token: getToken, onUnauthorized: reportUnauthorized });

/** Call one API route by name (see `API_ROUTES` in harness/contracts). */
export const call = client.call;
