import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import type { ProviderModule } from '../provider-module';
import { batchesHandlers } from './batches';
import { chatHandler } from './chat';
import { embeddingsHandler } from './embeddings';
import { filesHandlers } from './files';
import { modelsHandlers } from './models';
import { responsesHandlers } from './responses';

/** Every OpenAI endpoint of one mock instance, hot paths first. */
export function openaiHandlers(ctx: MockContext): HttpHandler[] {
  return [
    chatHandler(ctx),
    ...responsesHandlers(ctx),
    embeddingsHandler(ctx),
    ...filesHandlers(ctx),
    ...batchesHandlers(ctx),
    ...modelsHandlers(ctx),
  ];
}

/** OpenAI as one unit for the provider registry (`providers/index.ts`). */
export const openaiProvider: ProviderModule = { name: 'openai', handlers: openaiHandlers };
