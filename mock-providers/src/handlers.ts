import type { HttpHandler } from 'msw';
import { adminHandlers } from './admin/handlers';
import { createContext, type MockContext } from './context';
import type { MockOptions } from './options';
import { PROVIDER_MODULES } from './providers';

/** A handler list bound to its own mock instance state. */
export interface MockHandlers extends Array<HttpHandler> {
  /** The instance state (config, stats, stores) these handlers share. */
  readonly context: MockContext;
}

/**
 * The one MSW handler list of the mock: every registered provider's endpoints (OpenAI, Anthropic,
 * Gemini; see `providers/index.ts`) plus the admin API, all bound to a fresh instance context.
 * Use with `setupServer(...createHandlers())` or serve it with `createMockServer`.
 */
export function createHandlers(options: MockOptions = {}): MockHandlers {
  const context = createContext(options);
  const list = [...PROVIDER_MODULES.flatMap((p) => p.handlers(context)), ...adminHandlers(context)];
  return Object.assign(list, { context });
}

/** The handler list with default options (seed 42, timeScale 1). */
export const handlers: MockHandlers = createHandlers();
