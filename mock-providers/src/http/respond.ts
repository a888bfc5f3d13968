import type { z } from 'zod';

/**
 * A response whose body is a string the mock rendered. The body's web stream is only built when
 * something reads the body (node's `ReadableStream` constructor alone costs ≈ 5 µs, as it registers
 * the stream as transferable); the standalone server never reads it, it writes the text itself
 * (`bufferedBodyOf`). Readers — MSW's `setupServer`, an SDK — see an ordinary `Response`.
 */
// Typed as a plain constructor: the DOM typings declare Response's members as properties, which
// a subclass may not redefine as accessors or methods.
const ResponseBase = Response as unknown as new (body: null, init: ResponseInit) => object;

class TextResponse extends ResponseBase {
  readonly #text: string;
  #withBody: Response | undefined;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }

  /** The text, while nothing has read the body (then the body is the only truth). */
  get bufferedText(): string | undefined {
    return this.#withBody ? undefined : this.#text;
  }

  #head(): ResponseInit & { headers: Headers } {
    const self = this as unknown as Response;
    return { status: self.status, statusText: self.statusText, headers: self.headers };
  }

  /** The same response with a real body, made on first use, with the headers as they are then. */
  #real(): Response {
    this.#withBody ??= new Response(this.#text, this.#head());
    return this.#withBody;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#real().body;
  }

  get bodyUsed(): boolean {
    return this.#withBody?.bodyUsed ?? false;
  }

  text(): Promise<string> {
    return this.#real().text();
  }

  json(): Promise<unknown> {
    return this.#real().json();
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#real().arrayBuffer();
  }

  bytes(): Promise<Uint8Array> {
    return (this.#real() as Response & { bytes(): Promise<Uint8Array> }).bytes();
  }

  blob(): Promise<Blob> {
    return this.#real().blob();
  }

  formData(): Promise<FormData> {
    return this.#real().formData();
  }

  clone(): Response {
    const head = this.#head();
    if (this.#withBody) {
      // the body from the real response, the head as it is now (headers may have been set since)
      const body = this.#withBody.clone().body;
      return new Response(body, { ...head, headers: new Headers(head.headers) });
    }
    return new TextResponse(this.#text, {
      ...head,
      headers: new Headers(head.headers),
    }) as unknown as Response;
  }
}

/** A JSON body a renderer already serialised (`json()` sends its text as is). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** The JSON text of a body (already serialised or not). */
export function jsonText(body: unknown): string {
  return body instanceof RawJson ? body.text : JSON.stringify(body);
}

/** A JSON response (plain `Response`, no MSW wrapper needed). */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new TextResponse(jsonText(body), {
    status,
    headers: headers
      ? { 'content-type': 'application/json', ...headers }
      : { 'content-type': 'application/json' },
  }) as unknown as Response;
}

/**
 * The text a `json()` response was built from, so the standalone server can write it without
 * reading it back through the response's web stream (same bytes; undefined for other responses).
 */
export function bufferedBodyOf(response: Response): string | undefined {
  return response instanceof TextResponse ? response.bufferedText : undefined;
}

/**
 * Thrown inside a handler to answer with a ready response (an error rendered in the provider's
 * shape). Why: parse/validate steps can bail out without threading `Response | T` everywhere.
 */
export class HttpFailure extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

/** Renders a 400 in the provider's own body shape. */
export type BadRequest = (message: string, param?: string | null) => Response;

/** Reads the request body as JSON; malformed JSON → 400 via the provider renderer. */
export async function readJson(request: Request, badRequest: BadRequest): Promise<unknown> {
  return parseJson(await request.text(), badRequest);
}

/** Parses a request body's text as JSON; malformed JSON → 400 via the provider renderer. */
export function parseJson(text: string, badRequest: BadRequest): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpFailure(
      badRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The request body must be valid JSON.)",
      ),
    );
  }
}

type Issue = z.ZodError['issues'][number];

/**
 * A union failure in terms a user can act on: when one branch got inside the value (an object with a
 * bad field), that field and its problem; otherwise the shapes the union accepts
 * ("expected one of "off", "published", or an object") instead of zod's bare "Invalid input".
 */
function unionIssue(issue: Issue & { code: 'invalid_union' }): Issue {
  const branches = (issue.errors ?? []) as Issue[][];
  const deepest = branches
    .flat()
    .filter((i) => i.path.length > 0)
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (deepest) {
    const inner = deepest.code === 'invalid_union' ? unionIssue(deepest) : deepest;
    return { ...inner, path: [...issue.path, ...inner.path] } as Issue;
  }
  const shapes = branches.flat().flatMap((i) => {
    if (i.code === 'invalid_value') return i.values.map((v) => JSON.stringify(v));
    if (i.code === 'invalid_type') {
      const kind = i.expected === 'record' ? 'object' : i.expected;
      return [`${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`];
    }
    return [];
  });
  if (!shapes.length) return issue;
  const list = shapes.length > 1 ? `${shapes.slice(0, -1).join(', ')} or ${shapes.at(-1)}` : shapes[0];
  return { ...issue, message: `expected ${list}` };
}

/** Describes the first zod issue as `<path>: <message>` and returns the path as the param. */
export function describeIssue(error: z.ZodError): { message: string; param: string | null } {
  const first = error.issues[0];
  if (!first) return { message: 'Invalid request body', param: null };
  const issue = first.code === 'invalid_union' ? unionIssue(first) : first;
  const param = issue.path.length ? issue.path.map(String).join('.') : null;
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  const message = missing
    ? `Missing required parameter: '${param}'.`
    : `Invalid '${param ?? 'body'}': ${issue.message}`;
  return { message, param };
}

/** Validates a parsed body with zod; failures → 400 naming the field, in the provider's shape. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, badRequest: BadRequest): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { message, param } = describeIssue(result.error);
  throw new HttpFailure(badRequest(message, param));
}
