import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import type { MockContext } from './context';
import { createHandlers, type MockHandlers } from './handlers';
import { toFetchRequest, writeResponse } from './node-adapter';
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
 * Serves the MSW handler list over node HTTP through a thin adapter on MSW's `getResponse`
 * (measured faster than `@mswjs/http-middleware`, see bench/mock-serving.ts). Unmatched
 * routes answer 404 JSON. Listens on `options.port ?? 4010` at `options.host ?? 127.0.0.1`.
 */
export async function createMockServer(options: MockOptions = {}): Promise<MockServer> {
  const handlers = createHandlers(options);
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer(async (req, res) => {
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const origin = `http://${req.headers.host ?? host}`;
      const request = await toFetchRequest(req, origin, abort.signal);
      const response =
        (await getResponse(handlers, request)) ?? notFound(request.method, new URL(request.url).pathname);
      // `Response.error()` (fault `timeout`): close the connection without answering
      if (response.type === 'error') req.socket.destroy();
      else await writeResponse(res, response);
    } catch (err) {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: { type: 'mock_error', message: String(err) } }));
      } else res.destroy();
    }
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
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
