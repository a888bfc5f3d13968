import { Router } from 'express';
import { type InvokeDeps, runInvoke } from '../invoke-request';

/** `POST /api/invoke/:pattern`: one unit of work through the instrumented client (what k6 drives). */
export function invokeRoutes(deps: InvokeDeps): Router {
  const router = Router();
  router.post('/invoke/:pattern', async (req, res) => {
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const result = await runInvoke(deps, {
      pattern: req.params.pattern as string,
      body: req.body,
      header: (name) => req.header(name),
      signal: abort.signal,
    });
    res.json(result);
  });
  return router;
}
