/**
 * The run registry: one logical row per run, updated by inserting a newer `version` (read with
 * FINAL). Status `running` rows whose owner process (`host:pid`) is gone are marked `aborted` at the next start.
 */
export const HARNESS_RUNS_DDL = `
CREATE TABLE IF NOT EXISTS harness_runs (
    run_id String,
    scenario LowCardinality(String),
    engine LowCardinality(String),
    status LowCardinality(String),
    seed Int64,
    git_version String,
    config String,
    summary String,
    thresholds_passed Nullable(UInt8),
    owner String,
    started_at DateTime64(3),
    ended_at Nullable(DateTime64(3)),
    version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY run_id`;

/**
 * What each run ran on (effective mock and client settings, JSON; '' for runs recorded before).
 * `IF NOT EXISTS`: re-running it is a no-op.
 */
export const HARNESS_RUNS_SETTINGS_DDL = `ALTER TABLE harness_runs ADD COLUMN IF NOT EXISTS settings String DEFAULT '' AFTER config`;
