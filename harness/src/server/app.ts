import { type Tracer, trace } from '@opentelemetry/api';
import express, { type Express } from 'express';
import type { MockSettings } from '../contracts/live';
import type { RunRegistry } from '../runs/registry';
import type { RunManager } from '../runs/run-manager';
import type { Store } from '../store/client';
import type { SqlLimits } from '../store/read-only-sql';
import type { SpanWriter } from '../store/span-writer';
import { requireToken, sameOriginOnly } from './auth';
import type { ClientRegistry } from './client-registry';
import { errorHandler, notFound } from './http-errors';
import { arrivalRoutes } from './routes/arrivals';
import { healthRoutes } from './routes/health';
import { invokeRoutes } from './routes/invoke';
import { mockAdminRoutes } from './routes/mock-admin';
import { runRoutes } from './routes/runs';
import { sqlRoutes } from './routes/sql';
import { traceRoutes } from './routes/traces';
import { dashboardRoutes } from './static';

/** Everything the API needs from the running stack. */
export interface AppDeps {
  store: Store;
  spans: SpanWriter;
  /** Instrumented clients per scenario, for `/api/invoke`. */
  clients?: ClientRegistry;
  /** Run registry and manager, for `/api/runs`, reports and comparison. */
  runs?: { registry: RunRegistry; manager: RunManager };
  /** The mock's admin API behind `/api/mock/*`, and who hears of config changes. */
  mockAdmin?: { mockUrl: string; onConfig: (s: MockSettings) => void };
  tracer?: Tracer;
  version: string;
  token: string | undefined;
  otlpStats?: () => { requests: number; spans: number; rejected: number };
  sqlLimits?: SqlLimits;
  /** JSON body limit for every endpoint. */
  maxBodyBytes?: number;
  log?: (e: unknown) => void;
}

/** Build the express app serving `/api/*`. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: deps.maxBodyBytes ?? 1024 * 1024 }));
  const api = express.Router();
  api.use(sameOriginOnly(deps.token));
  api.use(requireToken(deps.token));
  api.use(
    healthRoutes({
      storeMode: deps.store.mode,
      version: deps.version,
      spans: deps.spans,
      ...(deps.otlpStats ? { otlp: deps.otlpStats } : {}),
    }),
  );
  api.use(sqlRoutes(deps.store, deps.sqlLimits));
  if (deps.runs) api.use(runRoutes({ store: deps.store, ...deps.runs }));
  api.use(traceRoutes(deps.store));
  if (deps.mockAdmin) api.use(mockAdminRoutes(deps.mockAdmin));
  api.use(arrivalRoutes());
  if (deps.clients) {
    api.use(
      invokeRoutes({
        store: deps.store,
        clients: deps.clients,
        tracer: deps.tracer ?? trace.getTracer('harness.patterns'),
      }),
    );
  }
  api.use(notFound);
  app.use('/api', api);
  app.use(dashboardRoutes());
  app.use(errorHandler(deps.log ?? ((e) => console.error(e))));
  return app;
}
