/**
 * Request bodies for fuzzing: a valid body mutated (a field deleted, retyped or set to an extreme,
 * garbage appended), random JSON, random bytes, and the right body under the wrong content type.
 */
import fc from 'fast-check';

/** One body to send. */
export interface FuzzBody {
  kind: string;
  body: string | Uint8Array;
  contentType: string | undefined;
}

type Path = (string | number)[];

function paths(v: unknown, prefix: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...prefix, k], ...paths(x, [...prefix, k])]);
}

function edit(valid: unknown, path: Path, value: unknown, remove: boolean): unknown {
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const EXTREMES = [
  -1,
  0,
  0.5,
  1e9,
  2 ** 53,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  '',
  'x'.repeat(5_000),
  '\u0000\ud800',
  null,
  true,
  [],
  {},
  [[[[[]]]]],
];

const json = (kind: string, v: unknown): FuzzBody => ({
  kind,
  body: JSON.stringify(v) ?? 'null',
  contentType: 'application/json',
});

/** Every way this suite breaks a request body, around one valid body. */
export function fuzzBodies(valid: unknown): fc.Arbitrary<FuzzBody> {
  const ps = paths(valid);
  const text = JSON.stringify(valid);
  const some: fc.Arbitrary<FuzzBody>[] = [
    fc.jsonValue({ maxDepth: 4 }).map((v) => json('random json', v)),
    fc
      .uint8Array({ maxLength: 1024 })
      .map((b) => ({ kind: 'random bytes', body: b, contentType: 'application/json' })),
    fc
      .string({ maxLength: 64 })
      .map((g) => ({ kind: 'garbage appended', body: text + g, contentType: 'application/json' })),
    fc.nat({ max: Math.max(0, text.length - 1) }).map((n) => ({
      kind: 'truncated',
      body: text.slice(0, n),
      contentType: 'application/json',
    })),
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        undefined,
      )
      .map((contentType) => ({ kind: 'wrong content type', body: text, contentType })),
  ];
  if (ps.length > 0) {
    some.push(
      fc.constantFrom(...ps).map((p) => json(`deleted ${p.join('.')}`, edit(valid, p, undefined, true))),
      fc
        .tuple(fc.constantFrom(...ps), fc.jsonValue({ maxDepth: 2 }))
        .map(([p, v]) => json(`retyped ${p.join('.')}`, edit(valid, p, v, false))),
      fc
        .tuple(fc.constantFrom(...ps), fc.constantFrom(...EXTREMES))
        .map(([p, v]) => json(`extreme ${p.join('.')}`, edit(valid, p, v, false))),
    );
  }
  return fc.oneof(...some);
}

/** An HTTP answer read in full, or a failure if it took longer than `timeoutMs` (a hang). */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: FuzzBody },
  timeoutMs = 10_000,
): Promise<{ status: number; contentType: string; text: string }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body?.contentType) headers['content-type'] = init.body.contentType;
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers,
    ...(init.body ? { body: init.body.body } : {}),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** Parse JSON or fail with the text (an error body must be JSON in these APIs). */
export function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`not JSON: ${text.slice(0, 200)}`);
  }
}
