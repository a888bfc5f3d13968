/**
 * The harness's wire API, the one definition the server, its CLI and the dashboard share: socket.io
 * events, the route map with request/response schemas, and the typed client.
 */

export type { PatternStats } from '../queries/pattern-stats';
export type { SeriesPoint } from '../queries/run-series';
export type { SpanHit } from '../queries/span-search';
export type { TraceHit, TraceSpan } from '../queries/traces';
export type { RunReport } from '../runs/report/report-data';
export type { ApiErrorBody, HealthResponse, SqlRequest, SqlResponse } from './api';
export {
  type ApiClient,
  ApiContractError,
  ApiError,
  type CallOptions,
  type ClientOptions,
  createApiClient,
  errorFromBody,
  routeUrl,
} from './client';
export type { CompareMetric, Comparison } from './compare';
export { INSTRUMENT_LIMITS, type InstrumentSection } from './instrument';
export type {
  ClientToServerEvents,
  LiveTick,
  MeasuredFigures,
  MockSettings,
  RunInfo,
  RunSettings,
  RunStatus,
  SecondTimings,
  ServerToClientEvents,
  SpanHealth,
} from './live';
export { PATTERN_NAMES, type PatternName } from './pattern-names';
export { API_ROUTES, type RouteName, type RouteResponse, type RouteSpec } from './routes';
export type { FaultProfile, MockStats, ScenarioInfo } from './schemas';
