import { Router } from 'express';
import type { MockSettings } from '../../contracts/live';
import { HttpError } from '../http-errors';

/**
 * `/api/mock/*`: the dashboard's handle on the mock's admin API (same origin, same token), so the
 * fault profile and rate limits can be switched live. The mock validates; its 400 comes back as is.
 */
export function mockAdminRoutes(deps: { mockUrl: string; onConfig: (s: MockSettings) => void }): Router {
  const router = Router();
  const forward = async (method: string, path: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${deps.mockUrl}/__admin/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (e) {
      throw new HttpError(
        502,
        'mock_unreachable',
        `mock providers at ${deps.mockUrl} did not answer: ${(e as Error).message}`,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new HttpError(502, 'mock_bad_answer', `mock answered ${res.status} with a non-JSON body`);
    }
    return { status: res.status, json };
  };
  for (const path of ['config', 'profiles', 'stats']) {
    router.get(`/mock/${path}`, async (_req, res) => {
      const r = await forward('GET', path);
      res.status(r.status).json(r.json);
    });
  }
  router.put('/mock/config', async (req, res) => {
    const r = await forward('PUT', 'config', req.body ?? {});
    if (r.status === 200) deps.onConfig(r.json as MockSettings);
    res.status(r.status).json(r.json);
  });
  router.post('/mock/reset', async (_req, res) => {
    const r = await forward('POST', 'reset', {});
    res.status(r.status).json(r.json);
  });
  return router;
}
