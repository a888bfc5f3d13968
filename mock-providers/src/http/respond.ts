import type { z } from 'zod';

/** Bodies of the responses `json()` built, by response (see `bufferedBodyOf`). */
const jsonBodies = new WeakMap<Response, string>();

/** A JSON response (plain `Response`, no MSW wrapper needed). */
export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: headers
      ? { 'content-type': 'application/json', ...headers }
      : { 'content-type': 'application/json' },
  });
  jsonBodies.set(response, text);
  return response;
}

/**
 * The text a `json()` response was built from, so the standalone server can write it without
 * reading it back through the response's web stream (same bytes; undefined for other responses).
 */
export function bufferedBodyOf(response: Response): string | undefined {
  return jsonBodies.get(response);
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

/** Describes the first zod issue as `<path>: <message>` and returns the path as the param. */
export function describeIssue(error: z.ZodError): { message: string; param: string | null } {
  const issue = error.issues[0];
  if (!issue) return { message: 'Invalid request body', param: null };
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
