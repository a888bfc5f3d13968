import { Router } from 'express';
import { sqlBody } from '../../contracts/requests';
import type { Store } from '../../store/client';
import { runReadOnlySql, type SqlLimits, SqlRejectedError } from '../../store/read-only-sql';
import { badRequest, HttpError } from '../http-errors';

/** `POST /api/sql { query }`: read-only SQL over the store, with time, row and size limits. */
export function sqlRoutes(store: Store, limits?: SqlLimits): Router {
  const router = Router();
  router.post('/sql', async (req, res) => {
    const parsed = sqlBody.safeParse(req.body);
    if (!parsed.success) throw badRequest(parsed.error);
    try {
      res.json(await runReadOnlySql(store, parsed.data.query, limits));
    } catch (e) {
      if (e instanceof SqlRejectedError) throw new HttpError(400, 'sql_rejected', e.message);
      throw e;
    }
  });
  return router;
}
