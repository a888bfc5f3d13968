import type { HttpHandler } from 'msw';
import { adminHandlers } from './admin/handlers';
import { createContext, type MockContext } from './context';
import type { MockOptions } from './options';
import { anthropicHandlers } from './providers/anthropic';
import { geminiHandlers } from './providers/gemini';
import { openaiHandlers } from './providers/openai';

/** A handler list bound to its own mock instance state. */
export interface MockHandlers extends Array<HttpHandler> {
  /** The instance state (config, stats, stores) these handlers share. */
  readonly context: MockContext;
}

/**
 * The one MSW handler list of the mock: OpenAI, Anthropic and Gemini endpoints plus the admin
 * API, all bound to a fresh instance context. Use with `setupServer(...createHandlers())` or
 * serve it with `createMockServer`.
 */
export function createHandlers(options: MockOptions = {}): MockHandlers {
  const context = createContext(options);
  const list = [
    ...openaiHandlers(context),
    ...anthropicHandlers(context),
    ...geminiHandlers(context),
    ...adminHandlers(context),
  ];
  return Object.assign(list, { context });
}

/** The handler list with default options (seed 42, timeScale 1). */
export const handlers: MockHandlers = createHandlers();
