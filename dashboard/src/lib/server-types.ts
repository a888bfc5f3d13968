/**
 * The harness API's response types, imported as types only (erased from the bundle): the server's
 * own definitions, never re-declared here.
 */
export type {
  ApiErrorBody,
  ClientToServerEvents,
  HealthResponse,
  LiveTick,
  MockSettings,
  RunInfo,
  RunSettings,
  RunStatus,
  ServerToClientEvents,
  SpanHealth,
} from 'harness/contracts';
export type { CompareMetric, Comparison } from '../../../harness/src/contracts/compare';
export type { PatternStats } from '../../../harness/src/queries/pattern-stats';
export type { SeriesPoint } from '../../../harness/src/queries/run-series';
export type { SpanHit } from '../../../harness/src/queries/span-search';
export type { TraceHit, TraceSpan } from '../../../harness/src/queries/traces';
export type { RunReport } from '../../../harness/src/runs/report/report-data';

/** `GET /api/scenarios` entry. */
export interface ScenarioInfo {
  name: string;
  description: string;
  patterns: string[];
  stages: { duration: string; target: number }[];
  target: string;
}

/** `GET /api/mock/profiles` entry. */
export interface FaultProfile {
  name: string;
  description: string;
  faults: Record<string, number>;
}

/** `GET /api/mock/stats`. */
export interface MockStats {
  requests: number;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
  byRoute: Record<string, number>;
}
