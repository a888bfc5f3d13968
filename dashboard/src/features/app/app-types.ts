/**
 * The app section of a URL-target run's report, as `GET /api/runs/:id/report` answers it: derived
 * from the one wire contract's `RunReport`, never re-declared.
 */
import type { RunReport } from '../../lib/server-types';

/** The report's "your app" section (null in the report of a builtin-target run). */
export type AppSection = NonNullable<RunReport['app']>;
/** One endpoint of the app: what its users saw, its provider calls and cost. */
export type AppEndpoint = AppSection['endpoints'][number];
/** One resilience row: what became of the faulted requests of one endpoint and fault kind. */
export type ResilienceRow = AppSection['resilience'][number];
