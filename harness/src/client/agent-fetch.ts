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
 * fetch costs ~150 µs of CPU per call on this box (Request object, header guards, body streams),
 * more than the whole instrumented client adds on top of it; `request()` plus one real `Response`
 * costs about a third of that. What the SDKs see is a real `Response`: status, headers, a body
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
    const url = typeof input === 'string' ? new URL(input) : input;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return viaGlobalFetch(input, init);
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
      headers: requestHeaders(init?.headers, typeof body === 'string'),
      body,
      signal,
    });
  } catch (err) {
    throw fetchError(err, signal, 'fetch failed');
  }
  const headers = responseHeaders(data.headers);
  const responseInit = { status: data.statusCode, statusText: data.statusText ?? '', headers };
  let response: Response;
  if (method === 'HEAD' || NULL_BODY.has(data.statusCode)) {
    data.body.dump().catch(() => undefined);
    response = new Response(null, responseInit);
  } else if (bufferable(headers)) {
    let bytes: ArrayBuffer;
    try {
      bytes = await data.body.arrayBuffer();
    } catch (err) {
      throw fetchError(err, signal, 'terminated');
    }
    response = new Response(bytes, responseInit);
  } else {
    response = new Response(
      webBody(decoded(data.body, headers.get('content-encoding')), signal),
      responseInit,
    );
  }
  // The SDKs log it; a constructed Response has an empty url otherwise.
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

/** fetch decodes what the server compressed (the SDKs do not ask for it, but a proxy may). */
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

/** The request head as undici's flat `[name, value, …]` list, with fetch's content-type default for text. */
function requestHeaders(init: RequestInit['headers'], textBody: boolean): string[] {
  const flat: string[] = [];
  if (init instanceof Headers || Array.isArray(init))
    for (const [name, value] of init) flat.push(name, value);
  else if (init)
    for (const name of Object.keys(init)) flat.push(name, (init as Record<string, string>)[name] as string);
  if (textBody && !hasContentType(flat)) flat.push('content-type', 'text/plain;charset=UTF-8');
  return flat;
}

function hasContentType(flat: string[]): boolean {
  for (let i = 0; i < flat.length; i += 2)
    if ((flat[i] as string).toLowerCase() === 'content-type') return true;
  return false;
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
