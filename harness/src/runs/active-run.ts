/** A run as the run manager hands it out, what starts one, and what it announces. */
import { randomBytes } from 'node:crypto';
import type { LiveTick, MockSettings, RunInfo } from '../contracts/live';
import type { PlanOverrides } from '../scenarios/plan';
import type { ScenarioRunResult } from '../scenarios/run';
import type { Scenario } from '../scenarios/schema';

/** What starts a run. */
export interface StartRun {
  scenario: Scenario;
  overrides?: PlanOverrides;
  /** Defaults to a time-ordered id. */
  runId?: string;
  /** Who sends the requests: the built-in driver (default) or stock k6 (scenarios/k6/run.js). */
  engine?: 'builtin' | 'k6';
  /** Flags for `k6 run` (engine k6 only). */
  k6Args?: string[];
}

/** Events the manager announces (socket.io broadcasts them). */
export interface RunEvents {
  started(run: RunInfo): void;
  tick(tick: LiveTick): void;
  finished(run: RunInfo): void;
  /** The mock's settings changed (a run applied its own, or put back the ones it found). */
  mockConfig?(settings: MockSettings): void;
}

/** A running run. */
export interface ActiveRun {
  info: RunInfo;
  result: Promise<ScenarioRunResult | undefined>;
  lastTick: LiveTick | undefined;
  stop(): void;
  /**
   * End the run as failed with `reason` (a worker thread it depends on died): the driver stops,
   * every request it sent is still recorded, and the run's record carries the reason.
   */
  fail(reason: string): void;
  /** Record a live change of the mock's settings made while this run runs (its record says so). */
  noteMockChange(settings: MockSettings): void;
}

/** A time-ordered, unique run id: `20261129-194501-ab12cd`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
