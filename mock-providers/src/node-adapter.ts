import type { IncomingMessage } from 'node:http';
import { RawHeaders } from './raw-headers';

const EMPTY = Buffer.alloc(0);
const BOM = [0xef, 0xbb, 0xbf];

/** UTF-8 decoding as the fetch body mixins do it (a leading BOM is dropped). */
function utf8(buf: Buffer): string {
  const bom = buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2];
  return buf.toString('utf8', bom ? 3 : 0);
}

/**
 * The request a resolver gets from the standalone server: the fetch `Request` surface the handlers
 * use (`url`, `method`, `headers`, `signal`, the body methods, `clone`), over a body already read
 * from the socket. Why not a real `Request`: undici's constructor parses the URL again, copies and
 * re-validates every header and creates an `AbortController` per request (≈ 15 µs together, a
 * tenth of a whole mock request); the body methods answer from the buffer with the same results
 * and the same "already read" rule. `signal` is created on first use only. MSW's own code paths
 * (`handler.run()`, for `once` and generator handlers) get a real one from `toRequest()`.
 */
export class BufferedRequest {
  readonly #buf: Buffer;
  readonly #signal: () => AbortSignal;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;

  constructor(
    readonly url: string,
    readonly method: string,
    readonly headers: Headers,
    body: Buffer,
    signal: () => AbortSignal,
  ) {
    this.#buf = body;
    this.#signal = signal;
  }

  get [Symbol.toStringTag](): string {
    return 'Request';
  }

  get signal(): AbortSignal {
    return this.#signal();
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === undefined) {
      const hasBody = this.method !== 'GET' && this.method !== 'HEAD';
      this.#stream = hasBody ? (new Response(this.#buf).body as ReadableStream<Uint8Array>) : null;
    }
    return this.#stream;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  #take(): Buffer {
    if (this.#used || this.#stream?.locked)
      throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#buf;
  }

  text(): Promise<string> {
    try {
      return Promise.resolve(utf8(this.#take()));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const buf = this.#take();
    return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  async blob(): Promise<Blob> {
    const type = this.headers.get('content-type') ?? '';
    return new Blob([await this.arrayBuffer()], { type });
  }

  async formData(): Promise<FormData> {
    const buf = this.#take();
    const type = this.headers.get('content-type');
    return new Response(buf, type ? { headers: { 'content-type': type } } : {}).formData();
  }

  clone(): Request {
    if (this.#used) throw new TypeError('Request.clone: Body has already been consumed.');
    // received headers are immutable and can be shared; any other Headers is copied
    const headers = this.headers instanceof RawHeaders ? this.headers : new Headers(this.headers);
    return new BufferedRequest(this.url, this.method, headers, this.#buf, this.#signal) as unknown as Request;
  }

  /** A real fetch `Request` with the same head, body and signal (for MSW's own code paths). */
  toRequest(): Request {
    const hasBody = this.method !== 'GET' && this.method !== 'HEAD';
    return new Request(this.url, {
      method: this.method,
      headers: realHeaders(this.headers),
      body: hasBody && !this.#used ? this.#buf : null,
      signal: this.signal,
    });
  }
}

function realHeaders(headers: Headers): Headers {
  return headers instanceof RawHeaders ? headers.toHeaders() : headers;
}

/** A real `Request` for code that needs one (MSW's `handler.run()`). */
export function realRequest(request: Request): Request {
  return request instanceof BufferedRequest ? request.toRequest() : request;
}

const MiB = 1024 * 1024;

/** The largest body the mock buffers for a path: the providers' own caps (Anthropic Messages 32 MB, batch inputs 256 MB). */
export function maxBodyBytes(path: string): number {
  return /^\/v1\/(files|messages\/batches)(\/|$)/.test(path) ? 256 * MiB : 32 * MiB;
}

/** A request body over `maxBodyBytes`: answered with `tooLargeResponse`, never buffered whole. */
export class BodyTooLarge extends Error {
  constructor(
    readonly path: string,
    readonly limit: number,
  ) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** The provider's own answer to an oversized body (Gemini: 400 INVALID_ARGUMENT; the others 413). */
export function tooLargeResponse(e: BodyTooLarge): Response {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  if (/^\/v1beta\/|^\/v1\/models\/[^/]+:/.test(e.path))
    return json(400, {
      error: {
        code: 400,
        message: `Request payload size exceeds the limit: ${e.limit} bytes.`,
        status: 'INVALID_ARGUMENT',
      },
    });
  if (/^\/v1\/messages(\/|$)/.test(e.path))
    return json(413, {
      type: 'error',
      error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
    });
  return json(413, {
    error: {
      message: `Request body too large: the maximum is ${e.limit} bytes.`,
      type: 'invalid_request_error',
      param: null,
      code: 'request_too_large',
    },
  });
}

/**
 * Reads a node request's body into one buffer (LLM request bodies are small), refusing one over
 * `limit` as soon as it is declared or read; the rest is discarded, never held.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const path = (req.url ?? '/').split('?')[0] as string;
  if (Number(req.headers['content-length']) > limit) {
    req.resume();
    return Promise.reject(new BodyTooLarge(path, limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLarge(path, limit));
      }
    };
    req.on('data', onData);
    req.once('end', () =>
      resolve(
        chunks.length === 0 ? EMPTY : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
      ),
    );
    req.once('error', reject);
  });
}

/**
 * Converts a node request into a fetch `Request` (body buffered) whose `signal` aborts when the
 * client goes away. `signal` is a lazy source: the server creates the controller only for
 * resolvers that ask (timeouts, delays), not for every request.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  signal: () => AbortSignal,
): Promise<Request> {
  const method = req.method ?? 'GET';
  const headers = new RawHeaders(req.rawHeaders) as unknown as Headers;
  const body =
    method !== 'GET' && method !== 'HEAD'
      ? await readBody(req, maxBodyBytes((req.url ?? '/').split('?')[0] as string))
      : EMPTY;
  return new BufferedRequest(
    `${origin}${req.url ?? '/'}`,
    method,
    headers,
    body,
    signal,
  ) as unknown as Request;
}
