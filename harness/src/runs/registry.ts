import { hostname } from 'node:os';
import type { RunSettings } from '../contracts/live';
import type { Store } from '../store/client';
import { redactSecrets } from '../store/redact';

const OWNER = `${hostname()}:${process.pid}`;

/** Whether the process that owned a running run is gone (only decidable for this host). */
function ownerIsGone(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch {
    return true;
  }
}

/** Where a run stands. `aborted` = its process died or it was stopped before the schedule ended. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'aborted';

/** One run as the registry keeps it. */
export interface RunRecord {
  runId: string;
  scenario: string;
  engine: 'builtin' | 'k6';
  status: RunStatus;
  seed: number;
  gitVersion: string;
  /** The scenario as run (after CLI overrides), JSON. */
  config: unknown;
  /** What the run ran on: the mock's effective settings and the client's; null before it applied them. */
  settings: RunSettings | null;
  /** The run's summary (accounting, rates, lateness), JSON; empty while running. */
  summary: unknown;
  thresholdsPassed: boolean | null;
  startedAt: string;
  endedAt: string | null;
}

interface Row {
  run_id: string;
  scenario: string;
  engine: string;
  status: string;
  seed: string | number;
  git_version: string;
  config: string;
  settings: string;
  summary: string;
  thresholds_passed: number | null;
  started_at: string;
  ended_at: string | null;
  owner: string;
}

const COLUMNS =
  'run_id, scenario, engine, status, seed, git_version, config, settings, summary, thresholds_passed, started_at, ended_at, owner';

function fromRow(r: Row): RunRecord {
  const parse = (s: string) => (s ? (JSON.parse(s) as unknown) : null);
  return {
    runId: r.run_id,
    scenario: r.scenario,
    engine: r.engine as RunRecord['engine'],
    status: r.status as RunStatus,
    seed: Number(r.seed),
    gitVersion: r.git_version,
    config: parse(r.config),
    settings: parse(r.settings) as RunSettings | null,
    summary: parse(r.summary),
    thresholdsPassed: r.thresholds_passed === null ? null : Boolean(Number(r.thresholds_passed)),
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

/** The run registry in ClickHouse (`harness_runs`). */
export function runRegistry(store: Store) {
  let lastVersion = 0;
  const nextVersion = () => {
    lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
    return lastVersion;
  };
  const write = async (r: RunRecord) => {
    await store.client.insert({
      table: 'harness_runs',
      format: 'JSONEachRow',
      values: [
        {
          run_id: r.runId,
          scenario: r.scenario,
          engine: r.engine,
          status: r.status,
          seed: r.seed,
          git_version: r.gitVersion,
          // A URL target's headers may carry the user's credentials: never stored.
          config: JSON.stringify(redactSecrets(r.config ?? null)),
          settings: r.settings === null ? '' : JSON.stringify(r.settings),
          summary: r.summary === null ? '' : JSON.stringify(r.summary),
          thresholds_passed: r.thresholdsPassed === null ? null : Number(r.thresholdsPassed),
          owner: OWNER,
          started_at: r.startedAt,
          ended_at: r.endedAt,
          version: nextVersion(),
        },
      ],
    });
  };
  return {
    /** Record a run (new or updated: the newest version wins). */
    save: write,
    async get(runId: string): Promise<RunRecord | undefined> {
      const r = await store.client.query({
        query: `SELECT ${COLUMNS} FROM harness_runs FINAL WHERE run_id = {id:String}`,
        query_params: { id: runId },
        format: 'JSONEachRow',
      });
      const [row] = await r.json<Row>();
      return row ? fromRow(row) : undefined;
    },
    async list(limit = 100): Promise<RunRecord[]> {
      const r = await store.client.query({
        query: `SELECT ${COLUMNS} FROM harness_runs FINAL ORDER BY started_at DESC LIMIT {limit:UInt32}`,
        query_params: { limit },
        format: 'JSONEachRow',
      });
      return (await r.json<Row>()).map(fromRow);
    },
    /**
     * Mark runs still `running` whose owner process on this host is gone (killed, crashed) as
     * `aborted`; their spans up to the last flush stay queryable. Returns their ids.
     */
    async abortOrphans(): Promise<string[]> {
      const r = await store.client.query({
        query: `SELECT ${COLUMNS} FROM harness_runs FINAL WHERE status = 'running'`,
        format: 'JSONEachRow',
      });
      const orphans = (await r.json<Row>()).filter((row) => ownerIsGone(row.owner)).map(fromRow);
      for (const run of orphans)
        await write({ ...run, status: 'aborted', endedAt: new Date().toISOString() });
      return orphans.map((o) => o.runId);
    },
  };
}

export type RunRegistry = ReturnType<typeof runRegistry>;
