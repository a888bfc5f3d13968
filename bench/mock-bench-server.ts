/**
 * Child-process servers for the mock benches, so load generator and server never share a CPU
 * thread. Usage: `node --import tsx bench/mock-bench-server.ts <plain|adapter|unlimited|getresponse|middleware|paced>`;
 * prints `READY <port>` on stdout. `adapter` is `createMockServer` (fast dispatch); `getresponse`
 * serves the same handler list the way the server did before it: a full fetch `Request` (body
 * stream, abort signal) through MSW's `getResponse`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createMiddlewareServer } from '@mswjs/http-middleware';
import { getResponse } from 'msw';
import { createHandlers, createMockServer } from '../mock-providers/src/index';
import { writeResponse } from '../mock-providers/src/node-response';
import { isMain } from './mock-load';

const kind = process.argv[2] ?? 'adapter';

const FIXED = JSON.stringify({
  id: 'chatcmpl-x',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there, this is a fixed answer.' } }],
});

async function start(): Promise<number> {
  if (kind === 'plain') {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(FIXED),
        });
        res.end(FIXED);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }
  if (kind === 'getresponse') {
    const handlers = createHandlers({ timeScale: 0 });
    const server = createServer(async (req, res) => {
      const abort = new AbortController();
      res.once('close', () => {
        if (!res.writableFinished) abort.abort();
      });
      const headers = new Headers();
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method ?? 'GET',
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? null : Buffer.concat(chunks),
        signal: abort.signal,
      });
      const response = (await getResponse(handlers, request)) ?? new Response('not found', { status: 404 });
      await writeResponse(res, response);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }
  if (kind === 'middleware') {
    const app = createMiddlewareServer(...createHandlers({ timeScale: 0 }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', r));
    return (server.address() as AddressInfo).port;
  }
  // `unlimited`: the client benches measure the client, not the mock's published 429s.
  const mock = await createMockServer({
    port: 0,
    timeScale: kind === 'paced' ? 1 : 0,
    rateLimits: kind === 'unlimited' ? 'off' : 'published',
  });
  return mock.port;
}

// Only when spawned as a process: bench/run-all.ts imports every bench/*.ts module.
if (isMain(import.meta.url)) {
  // A clean exit, so `node --cpu-prof` can write its profile when the bench stops the server.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
  const port = await start();
  process.stdout.write(`READY ${port}\n`);
}
