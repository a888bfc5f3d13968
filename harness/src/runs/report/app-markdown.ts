import type { AppSection, RetryCount } from './app-section';
import { fmt, mdTable } from './format';

/**
 * The app section as Markdown blocks (the HTML report renders the same Markdown): per endpoint what
 * the app's users saw and what it cost, then the resilience table — what the users got when the
 * mock injected a fault inside their request's trace.
 */
export function appMarkdown(app: AppSection): string[] {
  const out: string[] = [];
  out.push('## Your app');
  out.push(
    `${fmt.int(app.requests)} measured app requests (warm-up and dropped excluded); ` +
      `${fmt.int(app.joined)} of their traces hold the app's server span ` +
      `(services: ${app.services.join(', ') || 'none: is the app exporting OTLP to the harness?'}). ` +
      "Latency and TTFB from the scheduled start, as the app's users saw them; provider calls and cost " +
      "from the mock's ground truth inside each request's trace.",
  );
  out.push(
    mdTable(
      [
        'endpoint',
        'requests',
        'errors',
        'p50',
        'p95',
        'p99',
        'TTFB p50',
        'TTFB p95',
        'provider calls/request (mean, max)',
        'failed calls',
        'retries (SDK-reported + inferred)',
        'cost/request',
      ],
      app.endpoints.map((e) => [
        e.endpoint,
        fmt.int(e.requests),
        fmt.int(e.errors),
        fmt.ms(e.latency.p50),
        fmt.ms(e.latency.p95),
        fmt.ms(e.latency.p99),
        fmt.ms(e.ttfb.p50),
        fmt.ms(e.ttfb.p95),
        `${e.providerCalls.perRequest.avg === null ? '—' : e.providerCalls.perRequest.avg.toFixed(2)}, ${fmt.int(e.providerCalls.perRequest.max)}`,
        fmt.int(e.providerCalls.failed),
        retriesCell(e.providerCalls.retryCount),
        fmt.usd(e.costPerRequestUsd),
      ]),
    ),
  );
  out.push(retriesLegend(app));
  out.push('### Resilience: what your users got when the provider failed');
  if (app.resilience.length === 0) {
    out.push('No fault was injected inside a measured request of this run.');
    return out;
  }
  out.push(
    mdTable(
      [
        'endpoint',
        'fault',
        'requests',
        'faulted calls',
        'absorbed (2xx, recovered)',
        'absorbed: extra p50',
        'degraded (partial)',
        'surfaced (error)',
        'example traces',
      ],
      app.resilience.map((r) => [
        r.endpoint,
        r.fault,
        fmt.int(r.requests),
        fmt.int(r.injectedCalls),
        fmt.int(r.absorbed),
        fmt.ms(r.absorbedExtraMsP50),
        fmt.int(r.degraded),
        fmt.int(r.surfaced),
        (['surfaced', 'degraded', 'absorbed'] as const)
          .flatMap((k) => r.examples[k].slice(0, 1).map((t) => `${k}: \`${t}\``))
          .join(' · '),
      ]),
    ),
  );
  out.push(
    [
      'Absorbed: the user got a complete 2xx answer and the app really recovered — a provider call after',
      'every fault in the trace succeeded, or the faulted call still delivered its whole answer (a stall',
      "waited out); extra p50: over the endpoint's fault-free successes.",
      'Degraded: a 2xx whose body broke off, or one the app completed with no successful provider call',
      'after the fault (a dropped stream relayed as if whole, a fallback text, a partial fan-out).',
      'Surfaced: an error status, a timeout or a dropped connection.',
      // an example for the reader, not SQL this code runs
      'Open a trace: `harness sql "SELECT ServiceName, SpanName, Duration FROM otel_traces WHERE TraceId = \'<id>\'"`',
      "or the dashboard's trace view.",
    ].join(' '),
  );
  return out;
}

/** `3 (3 + 0)`: all retries, then SDK-reported + inferred. */
function retriesCell(r: RetryCount): string {
  return `${fmt.int(r.total)} (${fmt.int(r.sdkReported)} + ${fmt.int(r.inferred)})`;
}

/** How the retries were counted, with each figure's population. */
function retriesLegend(app: AppSection): string {
  let calls = 0;
  let withCount = 0;
  for (const e of app.endpoints) {
    calls += e.providerCalls.total;
    withCount += e.providerCalls.retryCount.callsWithCount;
  }
  return [
    `Retries: ${fmt.int(withCount)} of ${fmt.int(calls)} provider calls carried the SDK's own attempt number`,
    '(`x-stainless-retry-count`, sent by the official openai and anthropic SDKs; the mock records it as',
    '`mock.request.retry_count`), and a call numbered 1 or more is counted as SDK-reported.',
    'Inferred: a first attempt (numbered 0, or not numbered: raw fetch, other SDKs) repeating a failed',
    'call of the same trace (same route, model and prompt size, started after it ended) — retries of',
    "clients that send no number, and the app's own re-asks around its SDK.",
  ].join(' ');
}
