import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import { json } from '../../http/respond';
import { providerRoute } from '../../http/route';
import { findModel, type ModelSpec, modelsOf } from '../../models/catalog';
import { openaiBinding } from './binding';
import { modelNotFound } from './errors';

const modelObject = (m: ModelSpec) => ({ id: m.id, object: 'model', created: m.created, owned_by: 'system' });

/** `GET /v1/models` and `GET /v1/models/{id}` (wire-formats §2.8). */
export function modelsHandlers(ctx: MockContext): HttpHandler[] {
  return [
    providerRoute(ctx, openaiBinding, 'get', '*/v1/models', 'GET /v1/models', async () =>
      json({ object: 'list', data: modelsOf('openai').map(modelObject) }),
    ),
    providerRoute(
      ctx,
      openaiBinding,
      'get',
      '*/v1/models/:id',
      'GET /v1/models/{id}',
      async ({ params }, errors) => {
        const model = findModel('openai', params.id ?? '');
        return model ? json(modelObject(model)) : errors.notFound(modelNotFound(params.id ?? ''));
      },
    ),
  ];
}
