import { HARNESS_FAULTS_BACKFILL, HARNESS_FAULTS_DDL, HARNESS_FAULTS_MV_DDL } from './faults';
import { OTEL_TRACES_DDL, OTEL_TRACES_TRACE_ID_TS_DDL, OTEL_TRACES_TRACE_ID_TS_MV_DDL } from './otel-traces';
import { RAG_CORPUS_DDL } from './rag-corpus';
import { HARNESS_REQUESTS_DDL, HARNESS_REQUESTS_MV_DDL } from './requests';
import { HARNESS_RUN_SECONDS_DDL } from './run-seconds';
import { HARNESS_RUNS_DDL, HARNESS_RUNS_SETTINGS_DDL } from './runs';

/** One schema step: an id that never changes once released, and idempotent statements. */
export interface Migration {
  id: string;
  statements: readonly string[];
}

/**
 * Every schema step in order. Statements are `IF NOT EXISTS`, so re-running any of them is safe;
 * the ledger only spares work and records when each step landed.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001_otel_traces',
    statements: [OTEL_TRACES_DDL, OTEL_TRACES_TRACE_ID_TS_DDL, OTEL_TRACES_TRACE_ID_TS_MV_DDL],
  },
  { id: '0002_rag_corpus', statements: [RAG_CORPUS_DDL] },
  { id: '0003_harness_runs', statements: [HARNESS_RUNS_DDL] },
  { id: '0004_harness_requests', statements: [HARNESS_REQUESTS_DDL, HARNESS_REQUESTS_MV_DDL] },
  {
    id: '0005_harness_faults',
    statements: [HARNESS_FAULTS_DDL, HARNESS_FAULTS_MV_DDL, HARNESS_FAULTS_BACKFILL],
  },
  { id: '0006_harness_runs_settings', statements: [HARNESS_RUNS_SETTINGS_DDL] },
  { id: '0007_harness_run_seconds', statements: [HARNESS_RUN_SECONDS_DDL] },
];
