/**
 * Every failed provider exchange, from both sides: the mock's ground-truth SERVER spans that
 * injected a fault (`injected`) and the client's attempt spans that failed (`observed`), so the
 * report's fidelity table reads a small table instead of scanning span attribute maps.
 */
export const HARNESS_FAULTS_DDL = `
CREATE TABLE IF NOT EXISTS harness_faults (
    Timestamp DateTime64(9) CODEC(Delta, ZSTD(1)),
    TraceId String CODEC(ZSTD(1)),
    side LowCardinality(String),
    kind LowCardinality(String),
    INDEX idx_trace TraceId TYPE bloom_filter(0.001) GRANULARITY 1
) ENGINE = MergeTree
PARTITION BY toDate(Timestamp)
ORDER BY (Timestamp)`;

export const HARNESS_FAULTS_MV_DDL = `
CREATE MATERIALIZED VIEW IF NOT EXISTS harness_faults_mv TO harness_faults AS
SELECT Timestamp, TraceId,
       if(ServiceName = 'mock-providers', 'injected', 'observed') AS side,
       SpanAttributes['error.type'] AS kind
FROM otel_traces
WHERE SpanAttributes['error.type'] != ''
  AND (ServiceName = 'mock-providers' OR (SpanKind = 'Client' AND SpanAttributes['harness.attempt'] != ''))`;

/** Fills the table from spans stored before the view existed (runs once, by the migration ledger). */
export const HARNESS_FAULTS_BACKFILL = `
INSERT INTO harness_faults
SELECT Timestamp, TraceId,
       if(ServiceName = 'mock-providers', 'injected', 'observed') AS side,
       SpanAttributes['error.type'] AS kind
FROM otel_traces
WHERE SpanAttributes['error.type'] != ''
  AND (ServiceName = 'mock-providers' OR (SpanKind = 'Client' AND SpanAttributes['harness.attempt'] != ''))`;
