import { Router } from 'express';
import { parseDuration, parseRate } from '../../../../scenarios/lib/plan.js';
import { compareQuerySchema } from '../../contracts/compare';
import { reportFormat as format, runId, startRunBody as startBody } from '../../contracts/requests';
import type { RunRegistry } from '../../runs/registry';
import { type CompareSide, compareRuns, compareSide, comparisonMarkdown } from '../../runs/report/compare';
import { reportHtml } from '../../runs/report/html';
import { reportMarkdown } from '../../runs/report/markdown';
import { buildRunReport } from '../../runs/report/report-data';
import { seedTablesMarkdown } from '../../runs/report/seed-tables';
import { runInfoOf } from '../../runs/run-info';
import type { RunManager } from '../../runs/run-manager';
import { loadRegistry, loadScenario, loadScenarios, parseScenario } from '../../scenarios/load';
import type { Store } from '../../store/client';
import { badRequest, HttpError } from '../http-errors';

/** Run registry, reports and comparison: `/api/runs…`, `/api/compare`, `/api/scenarios`. */
export function runRoutes(deps: { store: Store; registry: RunRegistry; manager: RunManager }): Router {
  const router = Router();
  const idOf = (raw: unknown) => {
    const p = runId.safeParse(raw);
    if (!p.success) throw badRequest(p.error, 'run id');
    return p.data;
  };
  const reportOf = async (id: string) => {
    const run = await deps.registry.get(id);
    if (!run) throw new HttpError(404, 'unknown_run', `no run "${id}"`);
    if (run.status === 'running')
      throw new HttpError(
        409,
        'run_in_progress',
        `run "${id}" is still running; its report is ready when it ends`,
      );
    try {
      return await buildRunReport(deps.store, run);
    } catch (e) {
      throw new HttpError(409, 'no_results', (e as Error).message);
    }
  };

  const finishedSide = async (id: string): Promise<CompareSide> => {
    const run = await deps.registry.get(id);
    if (!run) throw new HttpError(404, 'unknown_run', `no run "${id}"`);
    if (run.status === 'running')
      throw new HttpError(409, 'run_in_progress', `run "${id}" is still running; compare it when it ends`);
    return compareSide(deps.store, run);
  };

  router.get('/scenarios', async (_req, res) => {
    const all = await loadScenarios();
    res.json(
      Object.values(all).map((s) => ({
        name: s.name,
        description: s.description,
        patterns: [...new Set(s.mix.map((m) => m.pattern))],
        stages: s.stages,
        target: s.target.kind,
      })),
    );
  });

  router.get('/runs', async (_req, res) => {
    const active = new Map(deps.manager.active().map((r) => [r.info.runId, r.info]));
    const stored = (await deps.registry.list(200)).map((r) => active.get(r.runId) ?? runInfoOf(r));
    res.json({ runs: stored });
  });

  router.post('/runs', async (req, res) => {
    const body = startBody.safeParse(req.body ?? {});
    if (!body.success) throw badRequest(body.error);
    const name = body.data.scenario;
    if ((name === undefined) === (body.data.definition === undefined))
      throw new HttpError(400, 'invalid_request', 'give either "scenario" (a name) or "definition"');
    const registry = await loadRegistry();
    if (name !== undefined && !Object.hasOwn(registry, name)) {
      throw new HttpError(
        400,
        'unknown_scenario',
        `unknown scenario "${name}": valid names are ${Object.keys(registry).sort().join(', ')}`,
      );
    }
    let overrides: { rateRpm?: number; durationMs?: number } = {};
    try {
      overrides = {
        ...(body.data.rate === undefined ? {} : { rateRpm: parseRate(body.data.rate) }),
        ...(body.data.duration === undefined ? {} : { durationMs: parseDuration(body.data.duration) }),
      };
    } catch (e) {
      throw new HttpError(400, 'invalid_request', (e as Error).message);
    }
    if (deps.manager.active().length > 0) {
      throw new HttpError(
        409,
        'run_in_progress',
        `run ${deps.manager.active()[0]?.info.runId} is still running; stop it first`,
      );
    }
    const scenario = await (name === undefined
      ? Promise.resolve().then(() => parseScenario(body.data.definition, 'definition'))
      : loadScenario(name)
    ).catch((e: Error) => {
      throw new HttpError(400, 'invalid_scenario', e.message);
    });
    const { engine, k6Args } = body.data;
    if (k6Args && engine !== 'k6')
      throw new HttpError(400, 'invalid_request', 'k6Args apply to engine "k6" only');
    const run = deps.manager.start({ scenario, overrides, engine, ...(k6Args ? { k6Args } : {}) });
    res.status(202).json({ runId: run.info.runId, run: run.info });
  });

  router.get('/runs/:id', async (req, res) => {
    const id = idOf(req.params.id);
    const run = await deps.registry.get(id);
    if (!run) throw new HttpError(404, 'unknown_run', `no run "${id}"`);
    const live = deps.manager.active().find((r) => r.info.runId === id);
    res.json({ run: live ? { ...run, ...live.info } : run, live: live?.lastTick ?? null });
  });

  router.post('/runs/:id/stop', (req, res) => {
    const id = idOf(req.params.id);
    if (!deps.manager.stop(id)) throw new HttpError(404, 'not_running', `run "${id}" is not running`);
    res.json({ stopping: id });
  });

  router.get('/runs/:id/report', async (req, res) => {
    const f = format.safeParse(req.query.format);
    if (!f.success) throw badRequest(f.error, 'format');
    const report = await reportOf(idOf(req.params.id));
    if (f.data === 'json') res.json(report);
    else if (f.data === 'html')
      // Trace links point back at this harness, as the caller reached it.
      res.type('html').send(reportHtml(report, { dashboardUrl: `${req.protocol}://${req.get('host')}` }));
    else
      res.type('text/markdown').send(f.data === 'seed' ? seedTablesMarkdown(report) : reportMarkdown(report));
  });

  // The run's "Instrument error" section alone (the dashboard's panel reads this).
  router.get('/runs/:id/instrument', async (req, res) => {
    res.json((await reportOf(idOf(req.params.id))).instrument);
  });

  // `?baseline=A&candidates=B,C` (or `?a=A&b=B`); `strict=1` turns comparability warnings into a 409.
  router.get('/compare', async (req, res) => {
    const q = compareQuerySchema.safeParse(req.query);
    if (!q.success) throw badRequest(q.error);
    const base = idOf(q.data.baseline ?? q.data.a);
    const rawCandidates = q.data.candidates?.split(',') ?? (q.data.b === undefined ? [] : [q.data.b]);
    if (rawCandidates.length === 0)
      throw new HttpError(
        400,
        'invalid_request',
        'give the candidate runs: ?baseline=<run>&candidates=<run>[,<run>…]',
      );
    const sides = await Promise.all([base, ...rawCandidates.map(idOf)].map(finishedSide));
    const [baseline, ...candidates] = sides as [CompareSide, ...CompareSide[]];
    const comparison = compareRuns(baseline, candidates);
    if ((q.data.strict === '1' || q.data.strict === 'true') && comparison.warnings.length)
      throw new HttpError(
        409,
        'not_comparable',
        `runs are not comparable: ${comparison.warnings.join('; ')}`,
      );
    if (q.data.format === 'md') res.type('text/markdown').send(comparisonMarkdown(comparison));
    else res.json(comparison);
  });
  return router;
}
