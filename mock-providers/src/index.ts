/** Public API of mock-providers: the MSW handler list and the standalone server serving it. */

export type { Stats } from './admin/stats';
export type { MockContext } from './context';
export type { FaultKind, Operation, RequestShape } from './faults/kinds';
export { applicableKinds, FAULT_KINDS } from './faults/kinds';
export type { FaultProfile } from './faults/profiles';
export { PROFILES } from './faults/profiles';
export type { MockHandlers } from './handlers';
export { createHandlers, handlers } from './handlers';
export type { ManualPacer } from './latency/manual-pacer';
export { createManualPacer } from './latency/manual-pacer';
export type { Pacer } from './latency/pacer';
export { sharedPacer } from './latency/pacer';
export type { ModelLimits } from './limits/published';
export { BATCH_MAX_REQUESTS, PUBLISHED, TIERS } from './limits/published';
export type { ModelSpec, Provider } from './models/catalog';
export { findModel, MODELS } from './models/catalog';
export type { MockConfig, MockOptions } from './options';
export type { MockServer } from './server';
export { createMockServer } from './server';
