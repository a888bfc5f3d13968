/**
 * Child-process servers for the mock benches, so load generator and server never share a CPU
 * thread. Usage: `node --import tsx bench/mock-bench-server.ts <plain|adapter|unlimited|getresponse|middleware|paced|paced-floor>`;
 * prints `READY <port>` on stdout. `adapter` is `createMockServer` (fast dispatch); `getresponse`
 * serves the same handler list the way the server did before it: a full fetch `Request` (body
 * stream, abort signal) through MSW's `getResponse`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createMiddlewareServer } from '@mswjs/http-middleware';
import { getResponse } from 'msw';
import { createHandlers, createMockServer } from '../mock-providers/src/index';
import { writeResponse } from '../mock-providers/src/node-response';
import { isMain } from './print';

const kind = process.argv[2] ?? 'adapter';

const FIXED = JSON.stringify({
  id: 'chatcmpl-x',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there, this is a fixed answer.' } }],
});

/** One pre-rendered OpenAI stream chunk, chunked-encoding framed (the floor's every write). */
const FLOOR_DATA = `data: ${JSON.stringify({
  id: 'chatcmpl-floor',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'gpt-4o-2024-08-06',
  system_fingerprint: 'fp_floor',
  choices: [{ index: 0, delta: { content: ' token' }, logprobs: null, finish_reason: null }],
})}\n\n`;
const FLOOR_FRAME = `${Buffer.byteLength(FLOOR_DATA).toString(16)}\r\n${FLOOR_DATA}\r\n`;

/**
 * `paced-floor`: what this box can do at all for paced streams, to set the mock's numbers beside.
 * The least a node server can do per stream: the same head, a first chunk after a uniform
 * 200–800 ms, then one pre-rendered chunk per write at absolute deadlines, at a rate drawn
 * uniformly from 50–80 tokens/s per stream (the mock's gpt-4o figures, so both sides send as many
 * chunks per second), 240 chunks, no parsing, tokenizing or rendering.
 */
function servePacedFloor(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    const socket = res.socket;
    const t0 = performance.now() + 200 + Math.random() * 600;
    const gapMs = 1000 / (50 + Math.random() * 30);
    let n = 0;
    const tick = (): void => {
      if (!socket || socket.destroyed) return;
      if (++n >= 240) {
        res.end(FLOOR_DATA);
        return;
      }
      socket.write(FLOOR_FRAME);
      setTimeout(tick, Math.max(0, t0 + n * gapMs - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
}

async function start(): Promise<number> {
  if (kind === 'paced-floor') {
    const server = createServer(servePacedFloor);
    // the mock's accept queue depth: node's default (511) overflows when 2,500 connect at once
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', 4096, r));
    return (server.address() as AddressInfo).port;
  }
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
