import { now, sleep, sleepUntil } from './latency/sleep';

/** One server-sent event due `at` ms after the stream starts. */
export interface TimedEvent {
  at: number;
  /** `event:` line (Anthropic); omitted for OpenAI and Gemini. */
  event?: string;
  data: string;
}

/** What a hook asks for at one event (called once per event index, before it is written). */
export interface EventAction {
  /** Pause this long before writing the event (`sse_stall`); later events shift by the same. */
  stallMs?: number;
  /** Write this text instead of the event's frame (`chunk_malformed`, mid-stream errors). */
  frame?: string;
  /** Cut the connection instead of writing this event (`sse_drop`). */
  drop?: boolean;
  /** Close the stream normally right after writing this event (a mid-stream `error` event). */
  end?: boolean;
}

/** How a stream finished: all events, cut by a drop, closed early by a hook, or the client left. */
export type StreamOutcome = 'complete' | 'dropped' | 'ended_early' | 'cancelled';

/** Hooks of the fault engine: per-event actions and a callback when the stream is over. */
export interface SseHooks {
  beforeEvent?(index: number, frame: string): EventAction | undefined;
  /** Called once, with how many events were written. */
  onEnd?(info: { sent: number; total: number; outcome: StreamOutcome }): void;
}

const encoder = new TextEncoder();

/** Wire text of one event: optional `event:` line, one `data:` line, blank line. */
export function frameOf(e: Pick<TimedEvent, 'event' | 'data'>): string {
  return e.event ? `event: ${e.event}\ndata: ${e.data}\n\n` : `data: ${e.data}\n\n`;
}

/**
 * Error signalled to the body reader when `sse_drop` cuts a stream. Shaped like undici's
 * (`TypeError: terminated`, cause `other side closed`) so in-process clients (`setupServer`)
 * see the same error as over a real socket and classify it the same way.
 */
export class StreamDropped extends TypeError {
  constructor() {
    super('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    this.name = 'TypeError';
  }
}

/**
 * A paced SSE body: each event is enqueued at its absolute deadline (no drift), events due
 * together are written in one chunk, and the loop stops when the client goes away. A drop
 * errors the stream after the data before it was taken by the reader, so servers can cut the
 * socket (no clean end) and in-process fetch bodies reject.
 */
export function sseStream(events: readonly TimedEvent[], hooks: SseHooks = {}): ReadableStream<Uint8Array> {
  let cancelled = false;
  let sent = 0;
  let ended = false;
  const abort = new AbortController();
  const finish = (outcome: StreamOutcome): void => {
    if (ended) return;
    ended = true;
    hooks.onEnd?.({ sent, total: events.length, outcome });
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let t0 = now();
      let i = 0;
      while (i < events.length && !cancelled) {
        await sleepUntil(t0 + (events[i] as TimedEvent).at, abort.signal);
        if (cancelled) break;
        let batch = '';
        const due = now() - t0 + 0.5;
        while (i < events.length && (events[i] as TimedEvent).at <= due) {
          const frame = frameOf(events[i] as TimedEvent);
          const action = hooks.beforeEvent?.(i, frame);
          if (action?.stallMs) {
            if (batch) controller.enqueue(encoder.encode(batch));
            batch = '';
            await sleep(action.stallMs, abort.signal);
            t0 += action.stallMs;
            if (cancelled) break;
          }
          if (action?.drop) {
            if (batch) controller.enqueue(encoder.encode(batch));
            // let the reader take what was written before the cut (error() discards the queue)
            for (let w = 0; w < 50 && (controller.desiredSize ?? 1) <= 0 && !cancelled; w++) await sleep(1);
            finish('dropped');
            controller.error(new StreamDropped());
            return;
          }
          batch += action?.frame ?? frame;
          i++;
          sent = i;
          if (action?.end) {
            controller.enqueue(encoder.encode(batch));
            controller.close();
            finish('ended_early');
            return;
          }
        }
        if (batch && !cancelled) controller.enqueue(encoder.encode(batch));
      }
      if (cancelled) return;
      controller.close();
      finish('complete');
    },
    cancel() {
      cancelled = true;
      abort.abort();
      finish('cancelled');
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
