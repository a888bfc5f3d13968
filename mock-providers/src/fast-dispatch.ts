import { type HttpHandler, matchRequestUrl } from 'msw';
import { realRequest } from './node-adapter';

/**
 * What MSW's `getResponse(handlers, request)` does, without its per-request overhead, for the
 * standalone server only (`setupServer` keeps running MSW itself).
 *
 * MSW's `executeHandlers` calls `handler.run()` on every handler in list order until one answers;
 * each `run()` clones the request, re-compiles the handler's path with path-to-regexp, parses
 * cookies, and creates and aborts an `AbortController` (an `AbortError` with a stack trace) —
 * ~20 µs per handler tried, before our resolver even starts. Here:
 *
 * - **Matching** is MSW's own `matchRequestUrl(url, handler.info.path)`, evaluated once per
 *   distinct clean URL (origin + pathname) and cached: for a string or RegExp path the result is a
 *   pure function of that URL. Custom predicates (Gemini's `:verb` routes) run per request, with
 *   the same `{ request, cookies }` MSW passes. The method test is MSW's (case-insensitive, or the
 *   RegExp).
 * - **First match in list order**, as `executeHandlers`: the first handler whose method and path
 *   match runs; a resolver that answers nothing (`undefined`) passes on to the next one.
 * - **The resolver is called directly** with the arguments `HttpHandler` gives it (`request`,
 *   `params`, `cookies`, `requestId`, `finalize`); a thrown `Response` is the answer, like MSW.
 *   Handlers MSW treats specially — `{ once: true }` or generator resolvers — go through
 *   `handler.run()` instead, so their semantics stay MSW's.
 *
 * Skipped on purpose (none of it is observable through HTTP): the request clone kept for MSW's
 * logging, `isUsed` bookkeeping for non-`once` handlers, and the per-request abort listener
 * (`finalize` callbacks run when the exchange is over instead; the mock registers none).
 */
export type Dispatch = (request: Request, url: URL, finalize: Finalizers) => Promise<Response | undefined>;

/** `finalize()` callbacks a resolver registered, run by the server once the response is over. */
export type Finalizers = Array<() => unknown>;

/** Runtime view of the handler fields MSW keeps `protected`/`private` in its types. */
interface HandlerInternals {
  resolver: (info: object) => unknown;
  options?: { once?: boolean };
}

type PathPredicate = (args: {
  request: Request;
  cookies: Record<string, string>;
}) => boolean | { matches: boolean; params: Record<string, string> } | Promise<unknown>;

/** Per handler, for one clean URL: its params if its path matches, `null` if not, or "ask the predicate". */
type Slot = Record<string, string> | null | typeof PREDICATE;
const PREDICATE = Symbol('predicate');

const MAX_CACHED_URLS = 1024;

function methodMatches(expected: string | RegExp, actual: string): boolean {
  if (expected instanceof RegExp) return expected.test(actual);
  return expected === actual || expected.toLowerCase() === actual.toLowerCase();
}

function isGeneratorFunction(fn: unknown): boolean {
  const name = (fn as { constructor?: { name?: string } })?.constructor?.name;
  return name === 'GeneratorFunction' || name === 'AsyncGeneratorFunction';
}

/** Cookies as MSW hands them to predicates and resolvers in node (the request's `cookie` header). */
function parseCookies(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

let dispatchCounter = 0;

/** The request's cookies, parsed on first use. */
class LazyCookies {
  #cookies: Record<string, string> | undefined;
  constructor(private readonly request: Request) {}
  get(): Record<string, string> {
    this.#cookies ??= parseCookies(this.request.headers.get('cookie'));
    return this.#cookies;
  }
}

/**
 * What `HttpHandler` hands a resolver (`request`, `params`, `cookies`, `requestId`, `finalize`). A
 * class: one is made per request, and under tsx an object of arrows pays a `defineProperty` per
 * arrow for its name.
 */
class ResolverInfo {
  constructor(
    readonly request: Request,
    readonly requestId: string,
    readonly params: Record<string, string>,
    private readonly lazyCookies: LazyCookies,
    private readonly finalizers: Finalizers,
  ) {
    this.finalize = this.finalize.bind(this);
  }

  get cookies(): Record<string, string> {
    return this.lazyCookies.get();
  }

  finalize(callback: () => unknown): void {
    this.finalizers.push(callback);
  }
}

/** Builds the dispatcher of one handler list (the list must not change afterwards). */
export function createDispatch(handlers: readonly HttpHandler[]): Dispatch {
  const list = [...handlers];
  /** Handlers whose resolver can be called directly (otherwise `handler.run()`). */
  const direct = list.map((h) => {
    const internals = h as unknown as HandlerInternals;
    return (
      typeof internals.resolver === 'function' &&
      !internals.options?.once &&
      !isGeneratorFunction(internals.resolver)
    );
  });
  const cache = new Map<string, Slot[]>();

  const slotsOf = (url: URL, clean: string): Slot[] => {
    let slots = cache.get(clean);
    if (slots) return slots;
    slots = list.map((h): Slot => {
      const path = h.info.path;
      if (typeof path === 'function') return PREDICATE;
      if (!path) return null;
      const m = matchRequestUrl(url, path);
      return m.matches ? (m.params as Record<string, string>) : null;
    });
    if (cache.size >= MAX_CACHED_URLS) cache.clear();
    cache.set(clean, slots);
    return slots;
  };

  return async (request, url, finalizers) => {
    const slots = slotsOf(url, url.origin + url.pathname);
    const requestId = `fast-${(++dispatchCounter).toString(36)}`;
    const cookiesOf = new LazyCookies(request);
    for (let i = 0; i < list.length; i++) {
      const slot = slots[i];
      if (slot === null || slot === undefined) continue;
      const handler = list[i] as HttpHandler;
      if (!methodMatches(handler.info.method as string | RegExp, request.method)) continue;
      if (!direct[i]) {
        const result = await handler.run({ request: realRequest(request), requestId });
        if (result?.response) return result.response;
        continue;
      }
      let params: Record<string, string>;
      if (slot === PREDICATE) {
        const verdict = (await (handler.info.path as PathPredicate)({ request, cookies: cookiesOf.get() })) as
          | boolean
          | { matches: boolean; params: Record<string, string> };
        const match = typeof verdict === 'boolean' ? { matches: verdict, params: {} } : verdict;
        if (!match.matches) continue;
        params = match.params;
      } else params = { ...slot };
      handler.isUsed = true;
      let response: unknown;
      try {
        response = await (handler as unknown as HandlerInternals).resolver(
          new ResolverInfo(request, requestId, params, cookiesOf, finalizers),
        );
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
      if (response) return response as Response;
    }
    return undefined;
  };
}
