import { Router } from 'express';
import { arrivalBeginBody, arrivalEndBody, arrivalParams } from '../../contracts/arrivals';
import { httpErrorClass } from '../../driver/invoke-outcome';
import type { Outcome } from '../../driver/types';
import { inboundMs, k6Arrivals } from '../../scenarios/k6-arrivals';
import { badRequest } from '../http-errors';

/**
 * `POST /api/runs/:id/arrivals/:index/begin|end`: the arrivals k6 sends to a URL target itself
 * (scenarios/k6/run.js). `begin` opens the arrival in the k6 run that owns it and answers its
 * `traceparent`; `end` records what k6 saw, as the built-in driver's URL target does (ok = 2xx).
 */
export function arrivalRoutes(): Router {
  const router = Router();
  router.post('/runs/:id/arrivals/:index/begin', (req, res) => {
    const params = arrivalParams.safeParse(req.params);
    if (!params.success) throw badRequest(params.error);
    const body = arrivalBeginBody.safeParse(req.body ?? {});
    if (!body.success) throw badRequest(body.error);
    const run = k6Arrivals.of(params.data.id);
    if (!run) {
      res.json({ listening: false, headers: {} });
      return;
    }
    const { latenessMs, sentAt } = body.data;
    const headers = run.begin(Number(params.data.index), latenessMs, inboundMs(sentAt));
    res.json({ listening: true, headers });
  });
  router.post('/runs/:id/arrivals/:index/end', (req, res) => {
    const params = arrivalParams.safeParse(req.params);
    if (!params.success) throw badRequest(params.error);
    const body = arrivalEndBody.safeParse(req.body ?? {});
    if (!body.success) throw badRequest(body.error);
    const run = k6Arrivals.of(params.data.id);
    const b = body.data;
    const ok = !b.error && b.httpStatus >= 200 && b.httpStatus < 300;
    const outcome: Outcome = ok
      ? { status: 'ok' }
      : { status: 'error', errorClass: b.error ?? httpErrorClass(b.httpStatus) };
    if (b.httpStatus > 0) outcome.httpStatus = b.httpStatus;
    if (b.ttfbMs !== undefined) {
      outcome.ttfbMs = b.ttfbMs;
      if (b.eventStream) outcome.ttftMs = b.ttfbMs;
    }
    const recorded = run ? run.end(Number(params.data.index), b.latenessMs, outcome, 0) : false;
    res.json({ recorded });
  });
  return router;
}
