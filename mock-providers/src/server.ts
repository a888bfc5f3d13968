import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockContext } from './context';
import { createDispatch, type Finalizers } from './fast-dispatch';
import { createHandlers, type MockHandlers } from './handlers';
import { BodyTooLarge, toFetchRequest, tooLargeResponse } from './node-adapter';
import { writeResponse } from './node-response';
import type { MockOptions } from './options';

/** A running standalone mock. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:4010` (OpenAI SDK: append `/v1`). */
  url: string;
  port: number;
  host: string;
  /** The handler list being served (the same objects `setupServer` would use). */
  handlers: MockHandlers;
  context: MockContext;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

const notFound = (method: string, path: string) =>
  new Response(
    JSON.stringify({ error: { type: 'not_found', message: `No mock route for ${method} ${path}` } }),
    {
      status: 404,
      headers: { 'content-type': 'application/json' },
    },
  );

/**
 * Serves the MSW handler list over node HTTP through a thin adapter: the same matching and
 * resolvers as MSW's `getResponse`, minus its per-request overhead (`fast-dispatch.ts`; measured
 * against `getResponse` and `@mswjs/http-middleware` in bench/mock-serving.ts). Unmatched routes
 * answer 404 JSON. Listens on `options.port ?? 4010` at `options.host ?? 127.0.0.1`.
 */
export async function createMockServer(options: MockOptions = {}): Promise<MockServer> {
  const handlers = createHandlers(options);
  const host = options.host ?? '127.0.0.1';
  const dispatch = createDispatch(handlers);
  const server: Server = createServer(async (req, res) => {
    // the request's `signal`, created only when a resolver asks for it (delays, timeouts)
    let abort: AbortController | undefined;
    const signal = (): AbortSignal => {
      if (!abort) {
        const controller = new AbortController();
        abort = controller;
        if (res.writableFinished) return controller.signal;
        if (res.closed) controller.abort();
        else
          res.once('close', () => {
            if (!res.writableFinished) controller.abort();
          });
      }
      return abort.signal;
    };
    const finalizers: Finalizers = [];
    try {
      const origin = `http://${req.headers.host ?? host}`;
      const request = await toFetchRequest(req, origin, signal);
      const url = new URL(request.url);
      const response = (await dispatch(request, url, finalizers)) ?? notFound(request.method, url.pathname);
      // `Response.error()` (fault `timeout`): close the connection without answering
      if (response.type === 'error') req.socket.destroy();
      else await writeResponse(res, response);
    } catch (err) {
      if (err instanceof BodyTooLarge && !res.headersSent) await writeResponse(res, tooLargeResponse(err));
      else if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: { type: 'mock_error', message: String(err) } }));
      } else res.destroy();
    } finally {
      for (const callback of finalizers) {
        try {
          await callback();
        } catch (err) {
          console.error('[mock-providers] finalize callback failed', err);
        }
      }
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // a deep accept queue: load tests open thousands of connections at once
    server.listen(options.port ?? 4010, host, 4096, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    host,
    handlers,
    context: handlers.context,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
