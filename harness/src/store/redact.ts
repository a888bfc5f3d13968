import type { SpanRow } from './span-row';

/** What a redacted value is replaced with (the same word the pino loggers use). */
export const REDACTED = '[redacted]';

/**
 * Attribute and field names that carry credentials: auth headers as OTel records them
 * (`http.request.header.authorization`), API keys, passwords, tokens, cookies. Matched on the last
 * dotted segment, so `gen_ai.usage.input_tokens` or `harness.token_count` are not secrets.
 */
const SECRET_NAME =
  /(?:^|[.])(?:authorization|proxy-authorization|x-api-key|x-goog-api-key|api[-_]?key|x-auth-token|password|passwd|secret|client[-_]secret|(?:access|refresh|id|bearer|auth)[-_]?token|token|cookie|set-cookie)$/i;

/** Whether a name (attribute key, header, JSON field) holds a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The map with secret values replaced; the same object when there is nothing to hide. */
export function redactAttributes(map: Record<string, string>): Record<string, string> {
  if (!map) return map; // partial rows (tests) carry no map
  let out: Record<string, string> | undefined;
  for (const key in map) {
    if (isSecretName(key) && map[key] !== REDACTED) {
      out ??= { ...map };
      out[key] = REDACTED;
    }
  }
  return out ?? map;
}

/**
 * A span row with credentials removed from its span, resource, event and link attributes. Applied
 * once, where every span enters the store (the span writer), so the SDK exporter, the OTLP
 * receiver and the driver's rows are all covered.
 */
export function redactSpanRow(row: SpanRow): SpanRow {
  const span = redactAttributes(row.SpanAttributes);
  const resource = redactAttributes(row.ResourceAttributes);
  const events = mapSame(row['Events.Attributes'], redactAttributes);
  const links = mapSame(row['Links.Attributes'], redactAttributes);
  if (
    span === row.SpanAttributes &&
    resource === row.ResourceAttributes &&
    events === row['Events.Attributes'] &&
    links === row['Links.Attributes']
  )
    return row;
  return {
    ...row,
    SpanAttributes: span,
    ResourceAttributes: resource,
    'Events.Attributes': events,
    'Links.Attributes': links,
  };
}

/** Deep copy of JSON-like data with the values of secret-named fields redacted (run configs). */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSecrets) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      isSecretName(k) && v !== undefined ? REDACTED : redactSecrets(v),
    ]),
  ) as T;
}

function mapSame<T>(list: T[], f: (x: T) => T): T[] {
  if (!list) return list;
  let out: T[] | undefined;
  list.forEach((x, i) => {
    const y = f(x);
    if (y !== x) {
      out ??= list.slice();
      out[i] = y;
    }
  });
  return out ?? list;
}
