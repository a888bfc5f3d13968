import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Converts a node request into a fetch `Request` (body buffered: LLM request bodies are small)
 * whose `signal` aborts when the client goes away.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  signal: AbortSignal,
): Promise<Request> {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  let body: Buffer | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    body = Buffer.concat(chunks);
  }
  return new Request(`${origin}${req.url ?? '/'}`, { method, headers, body: body ?? null, signal });
}

/**
 * Writes a fetch `Response` to a node response. Event streams flow chunk by chunk to the socket
 * (headers flushed first, each chunk written as it is produced, honouring backpressure); other
 * bodies are sent in one write with a content-length.
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  if (!response.body) {
    res.end();
    return;
  }
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const buf = Buffer.from(await response.arrayBuffer());
    res.setHeader('content-length', buf.length);
    res.end(buf);
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  const stop = (): void => {
    reader.cancel().catch(() => undefined);
  };
  res.once('close', stop);
  let written: Promise<unknown> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      written = new Promise((resolve) => res.write(value, resolve));
      if (res.writableNeedDrain) await new Promise((resolve) => res.once('drain', resolve));
    }
  } catch {
    // the body errored (`sse_drop`) or the client left: cut the connection with no chunked
    // terminator, after what was written reached the socket, so the client sees a broken body
    res.off('close', stop);
    await written;
    res.socket?.destroy();
    return;
  }
  res.off('close', stop);
  res.end();
}
