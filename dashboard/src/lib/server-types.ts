/**
 * The harness API's types, imported as types only from its one wire contract (`harness/contracts`):
 * never re-declared here, and nothing else of the harness is imported by the dashboard.
 */
export type {
  ApiErrorBody,
  ClientToServerEvents,
  CompareMetric,
  Comparison,
  FaultProfile,
  HealthResponse,
  InstrumentSection,
  LiveTick,
  MockSettings,
  MockStats,
  PatternStats,
  RunInfo,
  RunReport,
  RunSettings,
  RunStatus,
  ScenarioInfo,
  SecondTimings,
  SeriesPoint,
  ServerToClientEvents,
  SpanHealth,
  SpanHit,
  TraceHit,
  TraceSpan,
} from 'harness/contracts';
