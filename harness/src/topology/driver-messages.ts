import type { MessagePort } from 'node:worker_threads';
import type { TickSnapshot } from '../driver/executor';
import type { DriverRecord } from '../driver/types';
import type { LoopDelay } from '../runs/instrument/loop-delay';
import type { PlanOverrides } from '../scenarios/plan';
import type { ScenarioRunResult } from '../scenarios/run';
import type { Scenario } from '../scenarios/schema';

/** What the driver thread is given: one scenario run against the harness's own API. */
export interface DriverJob {
  scenario: Scenario;
  runId: string;
  harnessUrl: string;
  /** Client workers' invoke ports, when the harness has them (the sends go there; transferred). */
  invokePorts: MessagePort[] | undefined;
  token: string | undefined;
  overrides: PlanOverrides | undefined;
}

/** Main → driver thread. */
export type ToDriver = { t: 'stop' } | { t: 'crash' };

/** Driver thread → main: a request about to be sent, a verdict, a tick, the end. */
export type FromDriver =
  | { t: 'sent'; index: number }
  | { t: 'record'; record: DriverRecord }
  | { t: 'tick'; snapshot: TickSnapshot }
  | { t: 'done'; result: ScenarioRunResult; loop: LoopDelay }
  | { t: 'error'; message: string };
