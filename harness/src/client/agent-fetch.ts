import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type Dispatcher, interceptors } from 'undici';

/** Bodies with a content-length up to this size are read before the Response is made. */
const BUFFER_LIMIT = 1 << 20;
/** Statuses whose Response must have a null body (the Response constructor throws otherwise). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTIONS = 20;

type FetchInit = RequestInit & { dispatcher?: Dispatcher };
type FetchInput = Parameters<typeof globalThis.fetch>[0];

/**
 * A `fetch` for the provider SDKs built on the undici dispatcher's `request()` API. Why: WHATWG
 * fetch (Request object, header guards, body streams) is most of a bare SDK call's CPU; through
 * this, a bare SDK call costs about half (bench/client-overhead.ts: ~135 vs ~280 µs per call). What the SDKs see is a real `Response`: status, headers, a body
 * that flows chunk by chunk when it is a stream (`text/event-stream`, no content-length, or
 * compressed), redirects followed, gzip / deflate / br bodies decoded, and fetch's error shapes (the abort
 * reason when the signal fires, `TypeError: fetch failed` / `terminated` with the cause otherwise).
 * Requests the fast path does not cover — a `Request` object, FormData, Blob or stream bodies,
 * `redirect: 'manual' | 'error'`, non-HTTP URLs — go to the global fetch on the same dispatcher.
 */
export function agentFetch(dispatcher: Dispatcher): typeof globalThis.fetch {
  const fast = dispatcher.compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
  const viaGlobalFetch = (input: FetchInput, init?: RequestInit): Promise<Response> =>
    globalThis.fetch(input, { ...init, dispatcher } as FetchInit);
  return function fetchOnDispatcher(input, init) {
    const body = init?.body;
    if (
      (typeof input !== 'string' && !(input instanceof URL)) ||
      !(body == null || typeof body === 'string' || body instanceof Uint8Array) ||
      (init?.redirect !== undefined && init.redirect !== 'follow')
    )
      return viaGlobalFetch(input, init);
    // an unparsable URL goes to fetch too: it rejects (never throws) with fetch's own TypeError
    const url = typeof input === 'string' ? URL.parse(input) : input;
    if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      return viaGlobalFetch(input, init);
    return send(fast, url, init, body ?? null);
  };
}

async function send(
  dispatcher: Dispatcher,
  url: URL,
  init: RequestInit | undefined,
  body: string | Uint8Array | null,
): Promise<Response> {
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) throw signal.reason;
  const method = (init?.method ?? 'GET').toUpperCase();
  let data: Dispatcher.ResponseData;
  try {
    data = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: method as Dispatcher.HttpMethod,
      headers: requestHeaders(init?.headers, typeof body === 'string', url.protocol === 'https:'),
      body,
      signal,
    });
  } catch (err) {
    throw fetchError(err, signal, 'fetch failed');
  }
  let response: Response;
  try {
    response = await responseOf(data, method, signal);
  } catch (err) {
    // e.g. a status the Response constructor refuses (HTTP allows 600–999): free the socket
    data.body.destroy();
    throw err instanceof RangeError ? new TypeError('fetch failed', { cause: err }) : err;
  }
  // The SDKs log it; a constructed Response has an empty url otherwise.
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

async function responseOf(
  data: Dispatcher.ResponseData,
  method: string,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const headers = responseHeaders(data.headers);
  const init = { status: data.statusCode, statusText: data.statusText ?? '', headers };
  if (method === 'HEAD' || NULL_BODY.has(data.statusCode)) {
    data.body.dump().catch(() => undefined);
    return new Response(null, init);
  }
  if (bufferable(headers)) {
    let bytes: ArrayBuffer;
    try {
      bytes = await data.body.arrayBuffer();
    } catch (err) {
      throw fetchError(err, signal, 'terminated');
    }
    return new Response(bytes, init);
  }
  return new Response(webBody(decoded(data.body, headers.get('content-encoding')), signal), init);
}

/** fetch decodes what the server compressed (it asks for gzip, deflate and, over https, br). */
function decoded(body: Readable, encoding: string | null): Readable {
  const coding = encoding?.trim().toLowerCase();
  const decoder =
    coding === 'gzip' || coding === 'x-gzip'
      ? createGunzip()
      : coding === 'deflate'
        ? createInflate()
        : coding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return body;
  pipeline(body, decoder, () => undefined);
  return decoder;
}

/** A known, small, plain body: read whole (the SDKs read JSON answers whole anyway). */
function bufferable(headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length === null || Number(length) > BUFFER_LIMIT) return false;
  const type = headers.get('content-type');
  return !type?.startsWith('text/event-stream') && !headers.has('content-encoding');
}

/**
 * fetch's error shapes: a fired signal rejects with its reason; anything else is a `TypeError`
 * whose cause is undici's error (its `code` is what `classify` reads).
 */
function fetchError(err: unknown, signal: AbortSignal | undefined, message: string): unknown {
  if (signal?.aborted && err === signal.reason) return err;
  return new TypeError(message, { cause: err });
}

/**
 * The request head as undici's flat `[name, value, …]` list, with the defaults fetch adds when the
 * caller did not set them: `accept`, `accept-encoding`, `user-agent`, and a text body's content type.
 */
function requestHeaders(init: RequestInit['headers'], textBody: boolean, https: boolean): string[] {
  const flat: string[] = [];
  if (init && (Array.isArray(init) || typeof (init as Iterable<unknown>)[Symbol.iterator] === 'function'))
    // a Headers of any realm (node's, undici's) or a list of pairs
    for (const [name, value] of init as Iterable<[string, string]>) flat.push(name, value);
  else if (init)
    for (const name of Object.keys(init)) flat.push(name, (init as Record<string, string>)[name] as string);
  let type = false;
  let accept = false;
  let encoding = false;
  let agent = false;
  for (let i = 0; i < flat.length; i += 2) {
    const name = (flat[i] as string).toLowerCase();
    if (name === 'content-type') type = true;
    else if (name === 'accept') accept = true;
    else if (name === 'accept-encoding') encoding = true;
    else if (name === 'user-agent') agent = true;
  }
  if (textBody && !type) flat.push('content-type', 'text/plain;charset=UTF-8');
  if (!accept) flat.push('accept', '*/*');
  if (!encoding) flat.push('accept-encoding', https ? 'gzip, deflate, br' : 'gzip, deflate');
  if (!agent) flat.push('user-agent', 'node');
  return flat;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (typeof value === 'string') headers.append(name, value);
    else if (value) for (const v of value) headers.append(name, v);
  }
  return headers;
}

/**
 * The response body as a web stream that hands on each chunk as it arrives (one chunk queued,
 * then the socket is paused until the reader pulls), errors like fetch's body does, and stops the
 * request when the reader cancels.
 */
function webBody(body: Readable, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        body.on('data', (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) body.pause();
        });
        body.once('end', () => {
          if (!open) return;
          open = false;
          controller.close();
        });
        body.once('error', (err) => {
          if (!open) return;
          open = false;
          controller.error(fetchError(err, signal, 'terminated'));
        });
      },
      pull() {
        body.resume();
      },
      cancel() {
        open = false;
        body.destroy();
      },
    },
    { highWaterMark: 1 },
  );
}
