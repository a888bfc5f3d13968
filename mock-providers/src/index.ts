/** Public API of mock-providers: the MSW handler list and the standalone server serving it. */

export type { Stats } from './admin/stats';
export type { MockContext } from './context';
export type { FaultKind } from './faults/kinds';
export { FAULT_KINDS } from './faults/kinds';
export type { MockHandlers } from './handlers';
export { createHandlers, handlers } from './handlers';
export type { ModelSpec, Provider } from './models/catalog';
export { findModel, MODELS } from './models/catalog';
export type { MockConfig, MockOptions } from './options';
export type { MockServer } from './server';
export { createMockServer } from './server';
