import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import { anthropicBatchesHandlers } from './batches';
import { messagesHandlers } from './messages';

/** Every Anthropic endpoint of one mock instance, hot paths first. */
export function anthropicHandlers(ctx: MockContext): HttpHandler[] {
  return [...messagesHandlers(ctx), ...anthropicBatchesHandlers(ctx)];
}
