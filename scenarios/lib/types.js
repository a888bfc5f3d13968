// @ts-check
/**
 * JSDoc names for scenario files. The shape itself is defined once, by the zod schema in
 * harness/src/scenarios/schema.ts; this only re-exports its authored form for `// @ts-check`.
 * Type-only: nothing here runs, so k6 can load every scenario without node.
 *
 * @typedef {import('../../harness/src/scenarios/schema').ScenarioInput} Scenario
 * @typedef {Scenario['stages'][number]} Stage
 * @typedef {Scenario['mix'][number]} MixItem
 */
export {};
