import { type Decision, outputTokens } from '../content/decision';
import type { MockContext } from '../context';
import { json, jsonText } from '../http/respond';
import type { ErrorRenderer, RouteScope } from '../http/route';
import { sleep } from '../latency/sleep';
import { admit, withHeaders } from '../limits/admission';
import type { ModelSpec } from '../models/catalog';
import { type SseHooks, sseResponse, type TimedEvent } from '../sse';
import { assertNever, type RequestShape } from './kinds';
import { filterOutputs, truncateJson } from './outputs';
import { chooseFault, type FaultSelection } from './select';
import { readSignals } from './signal-headers';
import { applySignals } from './signals';
import {
  errorBeforeStream,
  faultPosition,
  type StreamFaultKind,
  serverErrorInStream,
  stallMs,
  streamAction,
} from './stream-faults';

/** One fault-site request, parsed and decided, with what the engine needs to render it. */
export interface ServePlan {
  shape: RequestShape;
  model: ModelSpec;
  inputTokens: number;
  /** Output tokens reserved at admission: the request's max tokens, else the decided output. */
  reservedOutput: number;
  /** The content decision (generation); absent for embeddings. */
  decision?: Decision;
  /** The non-stream body of a (possibly fault-rewritten) decision and the delay before it. */
  json(decision: Decision | undefined): { body: unknown; delayMs: number };
  /** A blocked answer carries no text (Gemini non-stream: a SAFETY candidate has no content). */
  filterDropsText?: boolean;
  /**
   * Streaming requests: events, how many trailing events end the stream, the mid-stream error (or
   * the error replacing event `at`, when it carries the event's position: Responses' `sequence_number`).
   */
  sse?: {
    events(decision: Decision): TimedEvent[];
    tail: number;
    error: StreamError | ((at: number) => StreamError);
    /**
     * A server error after the stream began, where the API reports one in-stream (Responses:
     * `response.failed`). Without it `server_error` on a stream is the HTTP 500 before it starts.
     */
    failed?: (at: number) => StreamError;
  };
}

/** A provider's mid-stream error event. */
type StreamError = Pick<TimedEvent, 'event' | 'data'>;

/** Timeout hold: until the client gives up or max(60 s × timeScale, 3 s). */
export const timeoutHoldMs = (timeScale: number): number => Math.max(60_000 * timeScale, 3_000);

/**
 * Serves one fault-site request: choose the fault (forced or drawn), ask the limiter, then render
 * through one exhaustive switch. Rate-limit headers go on successes and 429s; the ground-truth
 * span records the decision and ends when the response is fully sent.
 */
export async function serve(
  ctx: MockContext,
  scope: RouteScope,
  errors: ErrorRenderer,
  plan: ServePlan,
): Promise<Response> {
  const sel = scope.selection;
  if (!sel) throw new Error('serve() is only for fault-site routes');
  const signals = readSignals(scope.request.headers, sel.profile.signals);
  const response = await serveSelected(ctx, scope, errors, plan, sel);
  return signals.retryAfter || signals.shouldRetry !== undefined
    ? applySignals(response, signals, ctx.clock())
    : response;
}

async function serveSelected(
  ctx: MockContext,
  scope: RouteScope,
  errors: ErrorRenderer,
  plan: ServePlan,
  sel: FaultSelection,
): Promise<Response> {
  const { truth, request } = scope;
  const choice = chooseFault(sel, plan.shape);
  const { provider, id: model } = plan.model;
  const { timeScale } = ctx.config;
  const decision = plan.decision;
  truth.set({
    'gen_ai.request.model': model,
    'gen_ai.usage.input_tokens': plan.inputTokens,
    'mock.profile': sel.profile.name,
    'mock.stream': plan.shape.stream,
    ...(decision
      ? { 'mock.ttft_ms': decision.timing.ttftMs, 'mock.per_token_ms': decision.timing.perTokenMs }
      : {}),
  });
  const gate = admit(ctx, scope, errors, {
    provider,
    model,
    input: plan.inputTokens,
    reservedOutput: plan.reservedOutput,
    ...choice,
  });
  if ('response' in gate) return gate.response;
  const { headers: rl, settle } = gate;
  if (choice.kind) truth.fault(choice.kind, choice.source ?? 'profile');

  /** The normal answer of a (possibly rewritten) decision, streamed or whole. */
  const answer = async (
    d: Decision | undefined,
    hookOf?: (events: TimedEvent[]) => SseHooks['beforeEvent'],
  ) => {
    if (plan.sse && d) {
      const events = plan.sse.events(d);
      const total = outputTokens(d);
      truth.deferEnd();
      const beforeEvent = hookOf?.(events);
      return sseResponse(
        events,
        rl,
        {
          ...(beforeEvent ? { beforeEvent } : {}),
          onFirstEvent: () => truth.firstByte(),
          onEnd: ({ sent, outcome }) => {
            const out =
              outcome === 'complete' ? total : Math.round((total * sent) / Math.max(1, events.length));
            settle(out);
            truth.set({
              'gen_ai.usage.output_tokens': out,
              'mock.stream.events_sent': sent,
              'mock.stream.outcome': outcome,
            });
            truth.end(200);
          },
        },
        ctx.pacer,
      );
    }
    const { body, delayMs } = plan.json(d);
    if (delayMs > 0) await sleep(delayMs, request.signal);
    truth.firstByte();
    const out = d ? outputTokens(d) : 0;
    settle(out);
    truth.set({ 'gen_ai.usage.output_tokens': out, 'mock.delay_ms': delayMs });
    return json(body, 200, rl);
  };
  const streamFault = (kind: StreamFaultKind) =>
    answer(decision, (events) => {
      // overloaded drawn in the upper half strikes mid-stream: spread that half over the content
      const split = kind === 'overloaded' && sel.at === undefined;
      const fraction = split ? (sel.draw.v - 0.5) * 2 : sel.draw.v;
      const at = faultPosition(sel, events.length, plan.sse?.tail ?? 1, fraction);
      truth.set({
        'mock.fault.at_event': at,
        ...(kind === 'sse_stall' ? { 'mock.stall_ms': stallMs(timeScale) } : {}),
      });
      const error = (kind === 'server_error' ? plan.sse?.failed : undefined) ??
        plan.sse?.error ?? { data: '{}' };
      return streamAction(kind, events, at, {
        timeScale,
        error: typeof error === 'function' ? error(at) : error,
      });
    });
  const kind = choice.kind;
  if (kind === undefined) return answer(decision);
  switch (kind) {
    case 'rate_limit':
      throw new Error('unreachable: an injected rate_limit is answered by the limiter gate');
    case 'overloaded':
      if (plan.sse && decision && !errorBeforeStream(sel)) return streamFault(kind);
      settle(null);
      return withHeaders(errors.overloaded(), rl);
    case 'server_error':
      if (plan.sse?.failed && decision && serverErrorInStream(sel)) return streamFault(kind);
      settle(null);
      return withHeaders(errors.serverError(), rl);
    case 'request_timeout':
      settle(null);
      return withHeaders(errors.requestTimeout(), rl);
    case 'conflict':
      settle(null);
      return withHeaders(errors.conflict(), rl);
    case 'spend_limit':
      settle(null);
      return errors.spendLimit();
    case 'timeout': {
      const holdMs = timeoutHoldMs(timeScale);
      const started = performance.now();
      await sleep(holdMs, request.signal);
      settle(null);
      truth.set({
        'mock.timeout.hold_ms': holdMs,
        'mock.timeout.client_gave_up': performance.now() - started < holdMs - 1,
      });
      return Response.error();
    }
    case 'content_filter':
      return answer(decision && filterOutputs(decision, plan.filterDropsText ? 0 : sel.draw.v));
    case 'incomplete_json':
      return answer(decision && truncateJson(decision, sel.draw.v));
    case 'invalid_json': {
      const { body, delayMs } = plan.json(decision);
      if (delayMs > 0) await sleep(delayMs, request.signal);
      settle(decision ? outputTokens(decision) : 0);
      const text = jsonText(body);
      // a strict prefix of a JSON object never parses: the body a proxy cut short
      const cut = text.slice(0, 1 + Math.floor(sel.draw.v * (text.length - 2)));
      return new Response(cut, { status: 200, headers: { 'content-type': 'application/json', ...rl } });
    }
    case 'sse_drop':
    case 'sse_stall':
    case 'chunk_malformed':
      return streamFault(kind);
    case 'batch_item_failure':
    case 'batch_partial':
    case 'batch_expired':
      throw new Error(`unreachable: ${kind} never applies to ${plan.shape.op}`);
    default:
      return assertNever(kind);
  }
}
