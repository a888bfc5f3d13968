import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransport } from './transport';

let server: Server;
let url: string;
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.on('connection', () => {
    connections++;
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** How many TCP connections six sequential calls through a transport open. */
async function connectionsFor(pooling: boolean): Promise<number> {
  const transport = createTransport({ pooling });
  const before = connections;
  try {
    for (let i = 0; i < 6; i++) {
      const res = await transport.fetch(url, { method: 'POST', body: '{}' });
      expect(await res.json()).toEqual({ ok: true });
    }
    return connections - before;
  } finally {
    await transport.close();
  }
}

describe('transport', () => {
  it('pooling on reuses keep-alive connections; off opens one per request', async () => {
    // undici frees a socket just after handing the response over, so a call made at once after
    // another may open a second connection (global fetch on the same Agent does the same)
    expect(await connectionsFor(true)).toBeLessThanOrEqual(2);
    expect(await connectionsFor(false)).toBe(6);
  });
});
