import {
  type Attributes,
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { FaultKind } from '../faults/kinds';
import type { Provider } from '../models/catalog';

const getter: TextMapGetter<Headers> = {
  keys: (h) => [...h.keys()],
  get: (h, key) => h.get(key) ?? undefined,
};

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The caller's trace context: through the globally registered propagator, or — when none is
 * registered (the API's default is a no-op) — by reading W3C `traceparent` directly, so the
 * mock's span still joins the caller's trace.
 */
export function parentContext(headers: Headers): Context {
  const extracted = propagation.extract(ROOT_CONTEXT, headers, getter);
  if (trace.getSpanContext(extracted)) return extracted;
  const m = TRACEPARENT.exec(headers.get('traceparent')?.trim().toLowerCase() ?? '');
  if (!m || /^0+$/.test(m[1] as string) || /^0+$/.test(m[2] as string)) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: m[1] as string,
    spanId: m[2] as string,
    traceFlags: Number.parseInt(m[3] as string, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  });
}

/** `gen_ai.provider.name` values of the GenAI semantic conventions. */
const PROVIDER_NAME: Record<Provider, string> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gcp.gemini',
};

/**
 * One request's ground truth: a SERVER span continuing the caller's trace, named after the route
 * (`POST /v1/chat/completions`), holding the decision under `mock.*` plus GenAI/HTTP attributes.
 * It ends when the response is fully sent (streams: at their end or drop).
 */
export interface GroundTruth {
  set(attributes: Attributes): void;
  /** Records the injected (or limiter) fault: `mock.fault.kind`, `mock.fault.source`, `error.type`. */
  fault(kind: FaultKind, source: 'forced' | 'profile' | 'limiter'): void;
  readonly faultKind: FaultKind | undefined;
  /**
   * Records the actual first-byte time once: `mock.first_byte_ms`, ms from the span's start (the
   * request's arrival). Against the designed delay (`mock.ttft_ms` / `mock.delay_ms`) it shows the
   * mock's own lateness; against the client's TTFT, the instrument's error.
   */
  firstByte(): void;
  /** Streams end the span themselves (at their end or drop); the route must not end it on return. */
  deferEnd(): void;
  readonly deferred: boolean;
  /** Ends the span once (later calls are ignored); `none` = the connection closed with no response. */
  end(status: number | 'none'): void;
}

/** "POST /v1/chat/completions" → method and path, once per route label. */
const routeParts = new Map<string, [string, string]>();
function partsOf(route: string): [string, string] {
  let parts = routeParts.get(route);
  if (!parts) {
    const [method = '', path = ''] = route.split(' ');
    parts = [method, path];
    routeParts.set(route, parts);
  }
  return parts;
}

/**
 * Starts the ground-truth span of one provider request. `url` is the request's parsed URL when the
 * caller has it already.
 */
export function startTruth(
  tracer: Tracer,
  request: Request,
  route: string,
  provider: Provider,
  extra: Attributes = {},
  url: URL = new URL(request.url),
): GroundTruth {
  const [method, path] = partsOf(route);
  const span: Span = tracer.startSpan(
    route,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': method,
        'http.route': path,
        'url.path': url.pathname,
        'gen_ai.provider.name': PROVIDER_NAME[provider],
        ...extra,
      },
    },
    parentContext(request.headers),
  );
  return new TruthSpan(span);
}

/**
 * The handle of one ground-truth span. A class: one is made per request, and under tsx an object of
 * arrows pays a `defineProperty` per arrow for its name.
 */
class TruthSpan implements GroundTruth {
  faultKind: FaultKind | undefined;
  deferred = false;
  #ended = false;
  #firstByte = false;
  readonly #t0 = performance.now();

  constructor(private readonly span: Span) {}

  set(attributes: Attributes): void {
    this.span.setAttributes(attributes);
  }

  fault(kind: FaultKind, source: 'forced' | 'profile' | 'limiter'): void {
    this.faultKind = kind;
    this.span.setAttributes({ 'mock.fault.kind': kind, 'mock.fault.source': source, 'error.type': kind });
  }

  firstByte(): void {
    if (this.#firstByte) return;
    this.#firstByte = true;
    this.span.setAttribute('mock.first_byte_ms', performance.now() - this.#t0);
  }

  deferEnd(): void {
    this.deferred = true;
  }

  end(status: number | 'none'): void {
    if (this.#ended) return;
    this.#ended = true;
    const { span, faultKind } = this;
    if (status === 'none') span.setAttribute('mock.response', 'none');
    else span.setAttribute('http.response.status_code', status);
    const failed = faultKind !== undefined || status === 'none' || status >= 500;
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: faultKind ?? String(status) });
    if (!faultKind && typeof status === 'number' && status >= 400)
      span.setAttribute('error.type', String(status));
    span.end();
  }
}
