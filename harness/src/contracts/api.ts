import type { SpanWriterStats } from '../store/span-writer';

/** `GET /api/health` */
export interface HealthResponse {
  ok: boolean;
  store: 'embedded' | 'server';
  version: string;
  /** Exact counters of the span pipeline into the store. */
  spans: SpanWriterStats;
  /** OTLP/HTTP receiver counters, when it runs. */
  otlp?: { requests: number; spans: number; rejected: number };
}

/** `POST /api/sql` request body. */
export interface SqlRequest {
  query: string;
}

/** `POST /api/sql` answer. */
export interface SqlResponse {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

/** Every API error body. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}
