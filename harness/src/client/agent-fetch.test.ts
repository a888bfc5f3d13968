import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Agent, Headers as UndiciHeaders } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFetch } from './agent-fetch';

/** What the test server saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const routes = new Map<string, Route>();
const seen: Seen[] = [];
let server: Server;
let base: string;
const agent = new Agent({ connections: 8 });
const fetchOn = agentFetch(agent);

/** The response of the latest `/hang-body` request (never ended by the server). */
let lastHanging: ServerResponse | undefined;

/** Resolves when the server has written the stream's first event and waits for the go-ahead. */
let streamGate: { wrote: () => void; next: Promise<void> } | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (route) route(req, res, body);
      else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"nope"}');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  routes.set('/json', (_req, res, body) => {
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.writeHead(201, 'Made', { 'content-type': 'application/json', 'x-request-id': 'req_1' });
    res.end(JSON.stringify({ echo: body }));
  });
  routes.set('/sse', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: one\n\n');
    streamGate?.wrote();
    void streamGate?.next.then(() => res.end('data: two\n\n'));
  });
  routes.set('/hang-body', (_req, res) => {
    lastHanging = res;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: one\n\n');
  });
  routes.set('/hang-head', () => undefined);
  routes.set('/cut', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"partial":');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  routes.set('/gzip', (_req, res) => {
    const zipped = gzipSync(JSON.stringify({ zipped: true }));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': zipped.length,
    });
    res.end(zipped);
  });
  routes.set('/empty', (_req, res) => {
    res.writeHead(204);
    res.end();
  });
  routes.set('/odd-status', (_req, res) => {
    res.writeHead(600, { 'content-type': 'text/event-stream' });
    res.write('data: x\n\n');
    lastHanging = res;
  });
  routes.set('/moved', (_req, res) => {
    res.writeHead(307, { location: '/json' });
    res.end();
  });
  routes.set('/see-other', (_req, res) => {
    res.writeHead(303, { location: '/json' });
    res.end();
  });
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await agent.close();
});

describe('agentFetch', () => {
  it('answers a real Response: status, status text, every header, body and url', async () => {
    const res = await fetchOn(`${base}/json?x=1`, {
      method: 'post',
      headers: new Headers({ authorization: 'Bearer k', 'content-type': 'application/json' }),
      body: '{"q":1}',
    });
    expect(res).toBeInstanceOf(Response);
    expect(res.status).toBe(201);
    expect(res.statusText).toBe('Made');
    expect(res.ok).toBe(true);
    expect(res.url).toBe(`${base}/json?x=1`);
    expect(res.headers.get('x-request-id')).toBe('req_1');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.json()).toEqual({ echo: '{"q":1}' });
    const req = seen.at(-1) as Seen;
    expect(req).toMatchObject({ method: 'POST', url: '/json?x=1', body: '{"q":1}' });
    expect(req.headers).toMatchObject({ authorization: 'Bearer k', 'content-type': 'application/json' });
  });

  it('takes headers as a record or as pairs, and gives a text body fetch’s content type', async () => {
    await fetchOn(`${base}/json`, { method: 'POST', headers: { 'x-a': '1' }, body: 'hi' });
    expect((seen.at(-1) as Seen).headers).toMatchObject({
      'x-a': '1',
      'content-type': 'text/plain;charset=UTF-8',
    });
    await fetchOn(new URL(`${base}/json`), {
      method: 'POST',
      headers: [['x-b', '2']],
      body: new Uint8Array([104]),
    });
    expect((seen.at(-1) as Seen).headers['x-b']).toBe('2');
    expect((seen.at(-1) as Seen).body).toBe('h');
  });

  it('adds the request headers fetch adds when the caller did not, and keeps the caller’s', async () => {
    await fetchOn(`${base}/json`);
    expect((seen.at(-1) as Seen).headers).toMatchObject({
      accept: '*/*',
      'accept-encoding': 'gzip, deflate',
      'user-agent': 'node',
    });
    await fetchOn(`${base}/json`, { headers: { Accept: 'application/json', 'User-Agent': 'OpenAI/JS' } });
    expect((seen.at(-1) as Seen).headers).toMatchObject({
      accept: 'application/json',
      'user-agent': 'OpenAI/JS',
    });
  });

  it('takes a Headers of another realm (undici’s own class) as pairs, not as an empty record', async () => {
    await fetchOn(`${base}/json`, { headers: new UndiciHeaders({ authorization: 'Bearer u' }) as never });
    expect((seen.at(-1) as Seen).headers.authorization).toBe('Bearer u');
  });

  it('rejects (never throws) on a bad URL, and frees the socket of a status Response refuses', async () => {
    const bad = fetchOn('http://exa mple.com/');
    await expect(bad).rejects.toBeInstanceOf(TypeError);
    const odd = fetchOn(`${base}/odd-status`);
    await expect(odd).rejects.toMatchObject({ message: 'fetch failed', cause: { name: 'RangeError' } });
    const serverSide = lastHanging as ServerResponse;
    if (!serverSide.socket?.destroyed) await once(serverSide, 'close');
  });

  it('hands on each event-stream chunk as it arrives, before the response ends', async () => {
    let release = (): void => undefined;
    const wrote = new Promise<void>((resolve) => {
      streamGate = { wrote: resolve, next: new Promise<void>((r) => (release = r)) };
    });
    const res = await fetchOn(`${base}/sse`);
    await wrote;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: one\n\n');
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('data: two\n\n');
  });

  it('rejects with the signal’s reason: before sending, waiting for the head, and mid-body', async () => {
    const gone = new AbortController();
    gone.abort(new Error('already gone'));
    await expect(fetchOn(`${base}/json`, { signal: gone.signal })).rejects.toThrow('already gone');

    const head = fetchOn(`${base}/hang-head`, { signal: AbortSignal.timeout(50) });
    await expect(head).rejects.toMatchObject({ name: 'TimeoutError' });

    const mid = new AbortController();
    const res = await fetchOn(`${base}/hang-body`, { signal: mid.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    mid.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails like fetch: `fetch failed` on a refused connection, `terminated` on a cut body', async () => {
    const refused = fetchOn('http://127.0.0.1:1/none');
    await expect(refused).rejects.toBeInstanceOf(TypeError);
    await expect(refused).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } });
    await expect(fetchOn(`${base}/cut`)).rejects.toMatchObject({ name: 'TypeError', message: 'terminated' });
  });

  it('follows redirects (307 keeps the method and body, 303 turns into GET)', async () => {
    const kept = await fetchOn(`${base}/moved`, { method: 'POST', body: 'again' });
    expect(await kept.json()).toEqual({ echo: 'again' });
    const other = await fetchOn(`${base}/see-other`, { method: 'POST', body: 'x' });
    expect(other.status).toBe(201);
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/json' });
  });

  it('decodes a gzip body and gives 204 a null body', async () => {
    expect(await (await fetchOn(`${base}/gzip`)).json()).toEqual({ zipped: true });
    const empty = await fetchOn(`${base}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it('sends FormData through the global fetch on the same agent (multipart)', async () => {
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', new Blob(['{"a":1}\n']), 'in.jsonl');
    const res = await fetchOn(`${base}/json`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const req = seen.at(-1) as Seen;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.body).toContain('name="purpose"');
    expect(req.body).toContain('filename="in.jsonl"');
  });

  it('a cancelled body stops the request (the server sees the socket close)', async () => {
    const res = await fetchOn(`${base}/hang-body`);
    const serverSide = lastHanging as ServerResponse;
    const closed = once(serverSide, 'close');
    await (res.body as ReadableStream<Uint8Array>).cancel();
    await closed;
    expect(serverSide.writableFinished).toBe(false);
  });
});
