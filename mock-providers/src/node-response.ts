import type { ServerResponse } from 'node:http';
import { bufferedBodyOf } from './http/respond';
import { claimSseSource } from './sse';

const EMPTY = Buffer.alloc(0);

/** The response head as one flat `[name, value, …]` list (one `writeHead` instead of a `setHeader` each). */
function headList(response: Response): string[] {
  const list: string[] = [];
  response.headers.forEach((value, name) => {
    list.push(name, value);
  });
  return list;
}

/**
 * Writes a fetch `Response` to a node response. Event streams flow chunk by chunk to the socket
 * (headers flushed first, each chunk written as it is produced, honouring backpressure); other
 * bodies are sent in one write with a content-length. Bodies the mock serialised itself (JSON
 * answers, paced SSE streams) are written from their source without going through the web
 * stream; the bytes are the same.
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const head = headList(response);
  // before touching `body`: a rendered text body is written as is, no web stream is ever made
  const text = bufferedBodyOf(response);
  if (text !== undefined) {
    const buf = Buffer.from(text);
    head.push('content-length', String(buf.length));
    res.writeHead(response.status, head);
    res.end(buf);
    return;
  }
  if (!response.body) {
    res.writeHead(response.status, head);
    res.end();
    return;
  }
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const buf = Buffer.from(await response.arrayBuffer());
    head.push('content-length', String(buf.length));
    res.writeHead(response.status, head);
    res.end(buf);
    return;
  }
  res.writeHead(response.status, head);
  res.flushHeaders();
  const source = claimSseSource(response);
  if (source) {
    // write each due batch straight to the socket from the shared stream scheduler
    await new Promise<void>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        res.off('close', onClose);
        resolve();
      };
      const onClose = (): void => {
        source.cancel();
        finish();
      };
      res.once('close', onClose);
      // after the head is flushed a chunked body goes straight to the socket: one pre-framed
      // write per batch (`<hex length>\r\n<data>\r\n`, the bytes `res.write` would produce from
      // four separate writes and a cork/uncork tick); `res.end()` still writes the terminator
      const socket = res.chunkedEncoding && res.headersSent ? res.socket : null;
      source.attach({
        write: (chunk, bytes) => {
          if (socket && !socket.destroyed)
            socket.write(`${(bytes ?? Buffer.byteLength(chunk)).toString(16)}\r\n${chunk}\r\n`);
          else res.write(chunk);
        },
        close: (last) => {
          // res.end(chunk) frames the chunk and the terminator into one corked write
          if (last) res.end(last);
          else res.end();
          finish();
        },
        error: () => {
          // `sse_drop`: cut the connection with no chunked terminator, after what was written
          // reached the socket, so the client sees a broken body
          // (writes complete in order: an empty one's callback runs once all before it are out;
          // no callback per batch needed for that)
          const cut = (): void => {
            res.socket?.destroy();
          };
          if (socket && !socket.destroyed) socket.write(EMPTY, cut);
          else if (res.writableLength === 0) cut();
          else res.write(EMPTY, cut);
          finish();
        },
      });
    });
    return;
  }
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
