/** Types shared by the harness server, its CLI and the dashboard (import with `import type`). */
export type { ApiErrorBody, HealthResponse, SqlRequest, SqlResponse } from './api';
export type {
  ClientToServerEvents,
  LiveTick,
  MeasuredFigures,
  MockSettings,
  RunInfo,
  RunSettings,
  RunStatus,
  ServerToClientEvents,
  SpanHealth,
} from './live';
