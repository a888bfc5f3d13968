import { Router } from 'express';
import { z } from 'zod';
import { traceSearchQuery as search, spanSearchQuery as spanSearch, tag } from '../../contracts/requests';
import { patternStats } from '../../queries/pattern-stats';
import { runSeries } from '../../queries/run-series';
import { searchSpans, spanServices } from '../../queries/span-search';
import { searchTraces, traceSpans } from '../../queries/traces';
import type { Store } from '../../store/client';
import { badRequest, HttpError } from '../http-errors';

/** Dashboard history: trace search and waterfall, a run's per-second series, per-pattern stats. */
export function traceRoutes(store: Store): Router {
  const router = Router();
  router.get('/traces', async (req, res) => {
    const q = search.safeParse(req.query);
    if (!q.success) throw badRequest(q.error, 'query');
    res.json({
      traces: await searchTraces(store, {
        runId: q.data.run,
        pattern: q.data.pattern,
        errorClass: q.data.errorClass,
        minLatencyMs: q.data.minLatencyMs,
        limit: q.data.limit,
      }),
    });
  });
  // Every stored span, the harness's and those any app sent over OTLP.
  router.get('/spans', async (req, res) => {
    const q = spanSearch.safeParse(req.query);
    if (!q.success) throw badRequest(q.error, 'query');
    const eq = q.data.attr?.indexOf('=') ?? -1;
    res.json({
      traces: await searchSpans(store, {
        service: q.data.service,
        status: q.data.status,
        from: q.data.from === undefined ? undefined : new Date(q.data.from).toISOString(),
        to: q.data.to === undefined ? undefined : new Date(q.data.to).toISOString(),
        attrKey: q.data.attr?.slice(0, eq),
        attrValue: q.data.attr?.slice(eq + 1),
        name: q.data.name,
        limit: q.data.limit,
      }),
    });
  });
  router.get('/spans/services', async (_req, res) => {
    res.json({ services: await spanServices(store) });
  });
  router.get('/traces/:traceId', async (req, res) => {
    const id = z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'a trace id is 32 lowercase hex characters')
      .safeParse(req.params.traceId);
    if (!id.success) throw badRequest(id.error, 'trace id');
    const spans = await traceSpans(store, id.data);
    if (spans.length === 0) throw new HttpError(404, 'unknown_trace', `no spans for trace ${id.data}`);
    res.json({ traceId: id.data, spans });
  });
  router.get('/runs/:id/series', async (req, res) => {
    const id = tag.safeParse(req.params.id);
    if (!id.success) throw badRequest(id.error, 'run id');
    res.json({ runId: id.data, series: await runSeries(store, id.data) });
  });
  router.get('/patterns', async (req, res) => {
    const id = tag.optional().safeParse(req.query.run);
    if (!id.success) throw badRequest(id.error, 'run');
    res.json({ runId: id.data ?? '', patterns: await patternStats(store, id.data ?? '') });
  });
  return router;
}
