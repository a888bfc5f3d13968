/**
 * Child-process servers for the mock benches, so load generator and server never share a CPU
 * thread. Usage: `node --import tsx bench/mock-bench-server.ts <plain|adapter|middleware|paced>`;
 * prints `READY <port>` on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createMiddlewareServer } from '@mswjs/http-middleware';
import { createHandlers, createMockServer } from '../mock-providers/src/index';
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
  if (kind === 'middleware') {
    const app = createMiddlewareServer(...createHandlers({ timeScale: 0 }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', r));
    return (server.address() as AddressInfo).port;
  }
  const mock = await createMockServer({ port: 0, timeScale: kind === 'paced' ? 1 : 0 });
  return mock.port;
}

// Only when spawned as a process: bench/run-all.ts imports every bench/*.ts module.
if (isMain(import.meta.url)) {
  const port = await start();
  process.stdout.write(`READY ${port}\n`);
}
