import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import type { ProviderModule } from '../provider-module';
import { embedHandlers } from './embed';
import { generateHandlers } from './generate';

/** Every Gemini endpoint of one mock instance (under both `/v1beta` and `/v1`). */
export function geminiHandlers(ctx: MockContext): HttpHandler[] {
  return [...generateHandlers(ctx), ...embedHandlers(ctx)];
}

/** Gemini as one unit for the provider registry (`providers/index.ts`). */
export const geminiProvider: ProviderModule = { name: 'gemini', handlers: geminiHandlers };
