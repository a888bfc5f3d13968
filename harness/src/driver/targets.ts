/**
 * Senders for the two kinds of target: the harness's own instrumented client
 * (`POST {harnessUrl}/api/invoke/{pattern}`, or a client worker's invoke port) and any URL, such as
 * the user's own app. Each send has a per-request timeout; the driver's hard stop cancels it too.
 */
import type { MessagePort } from 'node:worker_threads';
import { request } from 'undici';
import { httpErrorClass, outcomeFromInvoke } from './invoke-outcome';
import { invokePortClient } from './invoke-port-client';
import type { Outcome } from './types';

/** One unit of work as the scenario mix describes it. */
export interface InvokeCall {
  pattern: string;
  provider: string;
  model: string;
  input?: string;
  maxTokens?: number;
  fallback?: { provider: string; model: string };
  /** OpenAI only: `responses` = the Responses API. */
  api?: string;
  /** Extra request headers, e.g. `x-mock-fault` for a fault the scenario forces on this request. */
  headers?: Record<string, string>;
}

/** Something the driver can send work to. */
export interface Target {
  /** Throws `target unreachable: <url>` when nothing listens there; any HTTP answer counts as reachable. */
  probe(): Promise<void>;
  send(call: InvokeCall, stop: AbortSignal): Promise<Outcome>;
  /** Let go of what the target holds open (its invoke ports); called once the run is over. */
  close?(): void;
}

/** Who is calling: sent as `x-run-id` / `x-scenario` so spans and rows join to the run. */
export interface CallerIdentity {
  runId: string;
  scenario: string;
  /** Bearer token for a harness bound beyond loopback. */
  token?: string;
  /** Per-request timeout, ms (default 120 s: longer than any client-side timeout it should observe). */
  timeoutMs?: number;
}

/**
 * The harness's own client: the scenario's mix goes to `/api/invoke/<pattern>` at the harness or,
 * when it has client workers, over their invoke ports in turn (`invokePorts`, no HTTP hop).
 */
export function builtinTarget(
  opts: CallerIdentity & { harnessUrl: string; invokePorts?: MessagePort[] },
): Target {
  const base = opts.harnessUrl.replace(/\/+$/, '');
  const ports = (opts.invokePorts ?? []).map(invokePortClient);
  let turn = 0;
  return {
    // a port is in-process: only the HTTP API can be unreachable
    probe: () => (ports.length ? Promise.resolve() : probe(`${base}/api/health`, 'GET')),
    send: async (call, stop) => {
      const body: Record<string, unknown> = { provider: call.provider, model: call.model };
      if (call.input !== undefined) body.input = call.input;
      if (call.maxTokens !== undefined) body.maxTokens = call.maxTokens;
      if (call.fallback !== undefined) body.fallback = call.fallback;
      if (call.api !== undefined) body.api = call.api;
      const headers = headersFor(opts, call);
      const port = ports[turn++ % Math.max(1, ports.length)];
      if (port)
        return guarded(opts, stop, async (signal) => {
          const answer = await port.call(call.pattern, body, headers, signal);
          return outcomeFromInvoke(answer.body, answer.status);
        });
      const init = { method: 'POST', headers, body: JSON.stringify(body) };
      // undici's `request`, not `fetch`: this hop is the instrument's own cost, and fetch's is
      // ~3× request's at p50, thread to thread (bench/driver-hop.ts)
      return guarded(opts, stop, async (signal) => {
        const res = await request(`${base}/api/invoke/${call.pattern}`, { ...init, signal });
        const text = await res.body.text();
        return outcomeFromInvoke(safeJson(text), res.statusCode);
      });
    },
    close: () => {
      for (const p of ports) p.close();
    },
  };
}

/**
 * Any HTTP endpoint, such as the user's own app: ok = 2xx; the body is the scenario's, or the mix
 * call as JSON when it gives none. `paths` sends each pattern to its own path under `url`. Every
 * request carries W3C `baggage` (run id, scenario, and a forced fault as `mock.fault`) beside the
 * caller's `traceparent`, so an OpenTelemetry-instrumented app carries both to its provider calls.
 * A 2xx whose body breaks off is a `stream_cut` error: the app's user saw a partial answer.
 */
export function urlTarget(
  opts: CallerIdentity & {
    url: string;
    method?: string | undefined;
    headers?: Record<string, string> | undefined;
    body?: unknown;
    paths?: Record<string, string> | undefined;
  },
): Target {
  const method = (opts.method ?? 'POST').toUpperCase();
  const base = opts.url.replace(/\/+$/, '');
  const urlFor = (pattern: string) => {
    const path = opts.paths?.[pattern];
    return path === undefined ? opts.url : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
  };
  return {
    probe: () => probe(opts.url, method === 'GET' ? 'GET' : 'HEAD'),
    send: (call, stop) => {
      const payload = opts.body ?? call;
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const headers: Record<string, string> = {
        ...headersFor(opts, call),
        'x-pattern': call.pattern,
        baggage: baggageFor(opts, call),
      };
      if (typeof payload === 'string') headers['content-type'] = 'text/plain';
      Object.assign(headers, opts.headers);
      const init: RequestInit = { method, headers };
      if (hasBody) init.body = typeof payload === 'string' ? payload : JSON.stringify(payload);
      return guarded(opts, stop, async (signal) => {
        const sent = performance.now();
        const res = await fetch(urlFor(call.pattern), { ...init, signal });
        let firstChunkMs: number | undefined;
        let cut = false;
        try {
          firstChunkMs = await drain(res, sent);
        } catch (e) {
          // Headers came; the body broke off. A cancel or timeout stays what it is.
          if (!res.ok || signal.aborted || !(e instanceof TypeError)) throw e;
          cut = true;
        }
        const outcome: Outcome = cut
          ? { status: 'error', errorClass: 'stream_cut' }
          : res.ok
            ? { status: 'ok' }
            : { status: 'error', errorClass: httpErrorClass(res.status) };
        outcome.httpStatus = res.status;
        if (firstChunkMs !== undefined) outcome.ttfbMs = firstChunkMs;
        // For an SSE answer the first body chunk is the best TTFT an opaque target allows.
        if (firstChunkMs !== undefined && res.headers.get('content-type')?.includes('text/event-stream')) {
          outcome.ttftMs = firstChunkMs;
        }
        return outcome;
      });
    },
  };
}

/** W3C baggage of one request: who sent it, and the fault the scenario forces (mock.fault). */
function baggageFor(opts: CallerIdentity, call: InvokeCall): string {
  const members = [`harness.run_id=${enc(opts.runId)}`, `harness.scenario=${enc(opts.scenario)}`];
  const fault = call.headers?.['x-mock-fault'];
  if (fault) members.push(`mock.fault=${enc(fault)}`);
  const profile = call.headers?.['x-mock-profile'];
  if (profile) members.push(`mock.profile=${enc(profile)}`);
  return members.join(',');
}

const enc = (v: string) => encodeURIComponent(v);

function headersFor(opts: CallerIdentity, call: InvokeCall): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    'x-run-id': opts.runId,
    'x-scenario': opts.scenario,
  };
  if (opts.token) h.authorization = `Bearer ${opts.token}`;
  return { ...h, ...call.headers };
}

/** Run one fetch under timeout + hard stop and turn transport failures into error classes. */
async function guarded(opts: CallerIdentity, stop: AbortSignal, run: (s: AbortSignal) => Promise<Outcome>) {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 120_000);
  try {
    return await run(AbortSignal.any([timeout, stop]));
  } catch (e) {
    if (stop.aborted) return { status: 'error', errorClass: 'cancelled' } as const;
    if (timeout.aborted) return { status: 'error', errorClass: 'timeout' } as const;
    if (isTransportError(e)) return { status: 'error', errorClass: 'network' } as const;
    throw e;
  }
}

/** fetch's failures are TypeErrors; undici `request`'s carry a code (UND_ERR_SOCKET, ECONNREFUSED…). */
function isTransportError(e: unknown): boolean {
  return e instanceof TypeError || typeof (e as { code?: unknown } | null)?.code === 'string';
}

/** Read the body to the last byte (e2e latency ends there); returns ms from `sent` to the first chunk. */
async function drain(res: Response, sent: number): Promise<number | undefined> {
  if (!res.body) return undefined;
  let first: number | undefined;
  for await (const chunk of res.body)
    if (first === undefined && chunk.byteLength > 0) first = performance.now() - sent;
  return first;
}

async function probe(url: string, method: string): Promise<void> {
  try {
    const res = await fetch(url, { method, signal: AbortSignal.timeout(5_000) });
    await res.body?.cancel();
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new Error(`target unreachable: ${url}${cause ? ` (${cause})` : ''}`, { cause: e });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
