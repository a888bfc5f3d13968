/** Scenarios: the schema both engines share, loading by name, planning, thresholds and runs. */
export { loadScenario, loadScenarios, parseScenario } from './load';
export { type PlanOverrides, planScenario, type ScenarioPlan } from './plan';
export { runScenario, type ScenarioRunOptions, type ScenarioRunResult } from './run';
export { PATTERNS, type Pattern, type Scenario, type ScenarioInput, scenarioSchema } from './schema';
export { evaluateThresholds, parseThreshold, type ThresholdResult } from './thresholds';
