/** Read-only view of response headers, whatever the SDK hands us (Headers, record, undefined). */
export type HeaderBag =
  | { get(name: string): string | null | undefined }
  | Record<string, unknown>
  | undefined
  | null;

function header(h: HeaderBag, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') {
    return (h as { get(n: string): string | null | undefined }).get(name) ?? undefined;
  }
  const rec = h as Record<string, unknown>;
  const v = rec[name] ?? rec[name.toLowerCase()];
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : undefined;
}

/** Go-style durations as OpenAI sends them in `x-ratelimit-reset-*`: `1s`, `6m0s`, `12ms`, `1h2m3.5s`. */
export function parseGoDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    matched += m[0];
  }
  return matched.length > 0 && matched === s.trim() ? total : undefined;
}

/** Protobuf Duration JSON as in Gemini's RetryInfo: `"19s"`, `"0.5s"`. */
export function parseProtoDuration(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)s$/.exec(s.trim());
  return m ? Number(m[1]) * 1000 : undefined;
}

/**
 * The wait a provider asks for, in ms: `retry-after-ms`, then `retry-after` (seconds or HTTP
 * date), then — for a 429 only — the provider's own rate-limit reset headers (OpenAI Go durations,
 * Anthropic RFC 3339 instants), then Gemini's `RetryInfo.retryDelay` from the error body.
 * Undefined when nothing says. Reset headers ride on every response, but they say when a rate-limit
 * bucket refills, which is no advice at all for a 500 or a 529. The two retry headers are read as
 * the official SDKs read them (`parseFloat`, a non-number `retry-after` as a date) and returned
 * as sent, even negative (a date in the past): whether advice is usable is the retry policy's call.
 */
export function retryAfterMs(
  headers: HeaderBag,
  body?: unknown,
  now = Date.now(),
  status = 429,
): number | undefined {
  const msHeader = header(headers, 'retry-after-ms');
  const ms = msHeader ? Number.parseFloat(msHeader) : Number.NaN;
  if (!Number.isNaN(ms)) return ms;
  const ra = header(headers, 'retry-after');
  if (ra) {
    const secs = Number.parseFloat(ra);
    if (!Number.isNaN(secs)) return secs * 1000;
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return at - now;
  }
  if (status !== 429) return retryDelayFromGoogleBody(body);
  const resets = [header(headers, 'x-ratelimit-reset-requests'), header(headers, 'x-ratelimit-reset-tokens')]
    .map((v) => (v === undefined ? undefined : parseGoDuration(v)))
    .filter((v): v is number => v !== undefined);
  for (const name of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
    const v = header(headers, `anthropic-ratelimit-${name}-reset`);
    const at = v === undefined ? Number.NaN : Date.parse(v);
    if (Number.isFinite(at)) resets.push(Math.max(0, at - now));
  }
  if (resets.length > 0) return Math.min(...resets);
  return retryDelayFromGoogleBody(body);
}

/**
 * The server's `x-should-retry` (`true`/`false`), undefined when absent or anything else. The
 * official OpenAI and Anthropic SDKs obey it over the status; so does our retry policy.
 */
export function serverShouldRetry(headers: HeaderBag): boolean | undefined {
  const v = header(headers, 'x-should-retry');
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function retryDelayFromGoogleBody(body: unknown): number | undefined {
  const details = (body as { error?: { details?: unknown } } | undefined)?.error?.details;
  if (!Array.isArray(details)) return undefined;
  for (const d of details) {
    const rec = d as Record<string, unknown>;
    if (String(rec['@type'] ?? '').endsWith('google.rpc.RetryInfo') && typeof rec.retryDelay === 'string') {
      return parseProtoDuration(rec.retryDelay);
    }
  }
  return undefined;
}
