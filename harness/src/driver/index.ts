/** The built-in open-model load driver: schedule ahead, fire on time, account for every request. */

export { formatDuration, parseDuration, parseRate } from '../../../scenarios/lib/plan.js';
export { type RunOptions, runOpenModel, type TickSnapshot } from './executor';
export { outcomeFromInvoke } from './invoke-outcome';
export { buildSchedule, constantSchedule, type Schedule, type ScheduleSpec, type Stage } from './schedule';
export { type Distribution, distribution, percentile, percentileSorted } from './stats';
export { LATENESS_UNRELIABLE_MS, type RunSummary, type StageSummary } from './summary';
export { builtinTarget, type InvokeCall, type Target, urlTarget } from './targets';
export type { SecondStats } from './time-series';
export type { Accounting, DriverRecord, Outcome, Send, SendRequest } from './types';
