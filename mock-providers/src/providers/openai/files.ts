import type { HttpHandler } from 'msw';
import type { MockContext } from '../../context';
import { HttpFailure, json } from '../../http/respond';
import { providerRoute } from '../../http/route';
import { openaiBinding } from './binding';
import { fileObject, putFile, type StoredFile, storedFiles } from './file-store';

const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

/** The stored file or a 404 in OpenAI's shape. */
export function getFile(ctx: MockContext, id: string | undefined): StoredFile {
  const file = id ? storedFiles(ctx).get(id) : undefined;
  if (!file) {
    const error = {
      message: `No such File object: ${id}`,
      type: 'invalid_request_error',
      param: 'id',
      code: null,
    };
    throw new HttpFailure(json({ error }, 404));
  }
  return file;
}

/** `/v1/files`: multipart upload with purpose, list, retrieve, `/content` download, delete. */
export function filesHandlers(ctx: MockContext): HttpHandler[] {
  const r = (
    method: 'get' | 'post' | 'delete',
    path: string,
    label: string,
    fn: Parameters<typeof providerRoute>[5],
  ) => providerRoute(ctx, openaiBinding, method, `*${path}`, `${method.toUpperCase()} ${label}`, fn);
  return [
    r('post', '/v1/files', '/v1/files', async ({ request }, errors) => {
      let form: FormData;
      try {
        form = await request.formData();
      } catch {
        return errors.badRequest('Expected a multipart/form-data body with `file` and `purpose`.', 'file');
      }
      const file = form.get('file');
      const purpose = form.get('purpose');
      if (!(file instanceof Blob)) return errors.badRequest("Missing required parameter: 'file'.", 'file');
      if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
        return errors.badRequest(`Invalid 'purpose': expected one of ${PURPOSES.join(', ')}.`, 'purpose');
      }
      const seconds = Number(form.get('expires_after[seconds]') ?? '') || undefined;
      const name = file instanceof File ? file.name : 'upload.jsonl';
      return json(fileObject(putFile(ctx, name, purpose, await file.text(), seconds)));
    }),
    r('get', '/v1/files', '/v1/files', async ({ url }) => {
      const purpose = url.searchParams.get('purpose');
      const data = [...storedFiles(ctx).values()]
        .filter((f) => !purpose || f.purpose === purpose)
        .map(fileObject);
      return json({
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: false,
      });
    }),
    r('get', '/v1/files/:id', '/v1/files/{id}', async ({ params }) =>
      json(fileObject(getFile(ctx, params.id))),
    ),
    r('get', '/v1/files/:id/content', '/v1/files/{id}/content', async ({ params }) => {
      const file = getFile(ctx, params.id);
      return new Response(file.content, {
        status: 200,
        headers: { 'content-type': 'application/octet-stream' },
      });
    }),
    r('delete', '/v1/files/:id', '/v1/files/{id}', async ({ params }) => {
      const file = getFile(ctx, params.id);
      storedFiles(ctx).delete(file.id);
      return json({ id: file.id, object: 'file', deleted: true });
    }),
  ];
}
