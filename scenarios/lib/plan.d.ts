/**
 * Types of scenarios/lib/plan.js for the TypeScript side (the harness imports the plain module;
 * k6 loads it as is). The behaviour is defined once, in plan.js.
 */
import type { ScenarioInput } from '../../harness/src/scenarios/schema';

/** One stage in milliseconds and requests per minute. */
export interface PlanStage {
  durationMs: number;
  targetRpm: number;
}

/** A forced fault with its window in ms from the run's start (already scaled). */
export interface PlanFault {
  kind: string;
  probability: number;
  pattern: string | undefined;
  fromMs: number;
  untilMs: number;
}

/** A scenario's effective plan after `--rate`/`--duration`. */
export interface EffectivePlan {
  startRpm: number;
  stages: PlanStage[];
  durationMs: number;
  /** Factor the run was stretched by (1 = as written). */
  scale: number;
  warmupMs: number;
  faults: PlanFault[];
  seed: number;
  /** Mix weights, in the scenario's mix order. */
  weights: number[];
  /** Seeded Poisson arrivals instead of evenly spaced ones. */
  poisson: boolean;
}

/** Command-line overrides: `--rate N/m` makes the rate constant; `--duration` stretches the run. */
export interface PlanOverrides {
  rateRpm?: number;
  durationMs?: number;
}

export function parseDuration(input: string): number;
export function parseRate(input: string | number): number;
export function formatDuration(ms: number): string;
export function createRandom(seed: number): () => number;
export function effectivePlan(s: ScenarioInput, overrides?: PlanOverrides): EffectivePlan;
export function areaIn(fromRpm: number, toRpm: number, lenMs: number, dt: number): number;
export function timeForArea(fromRpm: number, toRpm: number, lenMs: number, x: number): number;
export function arrivalOffsetMs(plan: EffectivePlan, index: number): number | undefined;
export function arrivalOffsets(spec: {
  startRpm?: number;
  stages: readonly PlanStage[];
  poisson?: boolean;
  seed?: number;
}): number[];
export const K6_LEAD_IN_MS: number;
export const K6_LEAD_IN_RPM: number;
export function k6StartOffsetMs(plan: EffectivePlan, offsets: ArrayLike<number>, index: number): number;
export function mixIndex(plan: EffectivePlan, index: number): number;
export function faultFor(
  plan: EffectivePlan,
  index: number,
  pattern: string,
  offsetMs: number,
): string | undefined;
export function describePlan(plan: EffectivePlan): string[];
