import { now, sleepUntil } from './latency/sleep';

/** One server-sent event due `at` ms after the stream starts. */
export interface TimedEvent {
  at: number;
  /** `event:` line (Anthropic); omitted for OpenAI and Gemini. */
  event?: string;
  data: string;
}

/**
 * Per-event hooks for the fault engine (later issue): rewrite a frame (`chunk_malformed`),
 * hold it (`sse_stall`) or end the body early (`sse_drop`).
 */
export interface SseHooks {
  beforeEvent?(
    index: number,
    frame: string,
  ): { frame?: string; stallMs?: number; drop?: boolean } | undefined;
}

const encoder = new TextEncoder();

/** Wire text of one event: optional `event:` line, one `data:` line, blank line. */
export function frameOf(e: Pick<TimedEvent, 'event' | 'data'>): string {
  return e.event ? `event: ${e.event}\ndata: ${e.data}\n\n` : `data: ${e.data}\n\n`;
}

/**
 * A paced SSE body: each event is enqueued at its absolute deadline (no drift), events due
 * together are written in one chunk, and the loop stops when the client goes away.
 */
export function sseStream(events: readonly TimedEvent[], hooks: SseHooks = {}): ReadableStream<Uint8Array> {
  let cancelled = false;
  const abort = new AbortController();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let t0 = now();
      let i = 0;
      while (i < events.length && !cancelled) {
        const first = events[i] as TimedEvent;
        await sleepUntil(t0 + first.at, abort.signal);
        if (cancelled) return;
        let batch = '';
        let stallMs = 0;
        const due = now() - t0 + 0.5;
        while (i < events.length && (events[i] as TimedEvent).at <= due) {
          let frame = frameOf(events[i] as TimedEvent);
          const hook = hooks.beforeEvent?.(i, frame);
          if (hook?.drop) {
            if (batch) controller.enqueue(encoder.encode(batch));
            controller.close();
            return;
          }
          if (hook?.frame !== undefined) frame = hook.frame;
          batch += frame;
          i++;
          if (hook?.stallMs) {
            stallMs = hook.stallMs;
            break;
          }
        }
        if (batch) controller.enqueue(encoder.encode(batch));
        if (stallMs > 0) {
          await sleepUntil(now() + stallMs, abort.signal);
          t0 += stallMs;
        }
      }
      if (!cancelled) controller.close();
    },
    cancel() {
      cancelled = true;
      abort.abort();
    },
  });
}

/** A `text/event-stream` response around a paced event list. */
export function sseResponse(
  events: readonly TimedEvent[],
  headers: Record<string, string> = {},
  hooks?: SseHooks,
): Response {
  return new Response(sseStream(events, hooks), {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers },
  });
}
