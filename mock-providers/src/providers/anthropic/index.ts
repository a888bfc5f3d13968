import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import type { ProviderModule } from '../provider-module';
import { anthropicBatchesHandlers } from './batches';
import { messagesHandlers } from './messages';

/** Every Anthropic endpoint of one mock instance, hot paths first. */
export function anthropicHandlers(ctx: MockContext): HttpHandler[] {
  return [...messagesHandlers(ctx), ...anthropicBatchesHandlers(ctx)];
}

/** Anthropic as one unit for the provider registry (`providers/index.ts`). */
export const anthropicProvider: ProviderModule = { name: 'anthropic', handlers: anthropicHandlers };
