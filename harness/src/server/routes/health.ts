import { Router } from 'express';
import type { HealthResponse } from '../../contracts/api';
import type { SpanWriter } from '../../store/span-writer';

/** What the health route reads. */
export interface HealthDeps {
  storeMode: 'embedded' | 'server';
  version: string;
  spans: SpanWriter;
  /** Spans received over OTLP/HTTP, when the receiver runs. */
  otlp?: () => { requests: number; spans: number; rejected: number };
}

/** `GET /api/health`: liveness plus the span pipeline's exact counters. */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const spans = deps.spans.stats();
    const body: HealthResponse = {
      ok: spans.consecutiveFailures === 0,
      store: deps.storeMode,
      version: deps.version,
      spans,
      ...(deps.otlp ? { otlp: deps.otlp() } : {}),
    };
    res.json(body);
  });
  return router;
}
