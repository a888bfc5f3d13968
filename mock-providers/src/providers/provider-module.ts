import type { HttpHandler } from 'msw';
import type { MockContext } from '../context';
import type { Provider } from '../models/catalog';

/**
 * One mock provider as a unit: its name and every route it serves on one mock instance (its
 * state lives in its own `state-slots`, its error shapes in its own binding). A provider folder
 * exports one of these; `providers/index.ts` lists them.
 */
export interface ProviderModule {
  readonly name: Provider;
  /** The provider's MSW handlers bound to `ctx`, hot paths first. */
  handlers(ctx: MockContext): HttpHandler[];
}
