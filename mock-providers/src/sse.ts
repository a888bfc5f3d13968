import { type Pacer, sharedPacer } from './latency/pacer';
import type { Wakeup } from './latency/scheduler';
import { sleep } from './latency/sleep';

/** One server-sent event due `at` ms after the stream starts. */
export interface TimedEvent {
  at: number;
  /** `event:` line (Anthropic); omitted for OpenAI and Gemini. */
  event?: string;
  data: string;
  /**
   * UTF-8 length of `data`, when the renderer knows it cheaply. Why: a per-token chunk rendered
   * from parts is a rope, and measuring it at send time flattens it on the hot path (~8 % of the
   * server's CPU with 2,500 streams open); the socket writer needs the length for chunk framing.
   */
  dataBytes?: number;
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
  /** Called once, when the first event is produced (the ground truth's actual first-byte time). */
  onFirstEvent?(): void;
  /** Called once, with how many events were written. */
  onEnd?(info: { sent: number; total: number; outcome: StreamOutcome }): void;
}

const encoder = new TextEncoder();

/** Wire text of one event: optional `event:` line, one `data:` line, blank line. */
export function frameOf(e: Pick<TimedEvent, 'event' | 'data'>): string {
  return e.event ? `event: ${e.event}\ndata: ${e.data}\n\n` : `data: ${e.data}\n\n`;
}

/** UTF-8 length of `frameOf(e)`, without measuring the data when the renderer gave its length. */
function frameBytes(e: TimedEvent, frame: string): number {
  if (e.dataBytes === undefined) return Buffer.byteLength(frame);
  // `data: ` + data + `\n\n`, after `event: ` + event + `\n`
  return (e.event ? 8 + Buffer.byteLength(e.event) : 0) + 8 + e.dataBytes;
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

/** Where a paced stream's batches go: a web stream controller, or a socket (standalone server). */
export interface SseSink {
  /** `bytes` is the chunk's UTF-8 length, when known without measuring it. */
  write(chunk: string, bytes?: number): void;
  /** Ends the stream normally; `last` is the final batch, sent with the end in one write. */
  close(last?: string): void;
  /** `sse_drop`: cut the stream after what was written; may wait for it to be taken first. */
  error(): void | Promise<void>;
}

/**
 * A paced stream whose batches the standalone server may take directly (see `claimSseSource`)
 * instead of reading them back through the response's web stream.
 */
export interface SseSource {
  /** Sends every batch (those already due first) to `sink` from now on. */
  attach(sink: SseSink): void;
  /** The client went away: stop producing (outcome `cancelled`). */
  cancel(): void;
}

const sources = new WeakMap<Response, SseProducer>();

/**
 * The producer of a paced SSE response, when nothing has read its body yet. Claiming it means
 * the caller will `attach()` a sink; the response's `body` must then be left alone.
 */
export function claimSseSource(response: Response): SseSource | undefined {
  const producer = sources.get(response);
  if (!producer || producer.claimed || response.bodyUsed || response.body?.locked) return undefined;
  producer.claimed = true;
  sources.delete(response);
  return producer;
}

/**
 * Drives one paced event list: each event is sent at its absolute deadline (no drift) from the
 * shared scheduler, events due together are sent as one batch, hooks may stall, corrupt, end or
 * cut the stream. Batches produced before a consumer attached wait in `pending`.
 */
class SseProducer implements SseSource {
  claimed = false;
  private sink: SseSink | undefined;
  private pending: Array<{ chunk: string; bytes: number | undefined }> = [];
  private t0: number;
  private i = 0;
  private sent = 0;
  private done = false;
  private wakeup: Wakeup | undefined;
  /** The action already taken for event `i` before a stall (applied when the stall is over). */
  private resume: EventAction | undefined;
  /** One bound step for every wake-up of this stream (no closure per token). */
  private readonly stepNow = (): void => this.step();

  constructor(
    private readonly events: readonly TimedEvent[],
    private readonly hooks: SseHooks,
    private readonly pacer: Pacer,
  ) {
    this.t0 = pacer.now();
    const first = events[0];
    if (!first) queueMicrotask(this.stepNow);
    else this.wakeup = pacer.wakeAt(this.t0 + first.at, this.stepNow);
  }

  attach(sink: SseSink): void {
    this.sink = sink;
    for (const p of this.pending) sink.write(p.chunk, p.bytes);
    this.pending = [];
    if (this.done && this.endState) void this.deliverEnd(this.endState);
  }

  cancel(): void {
    if (this.done) return;
    this.pacer.cancel(this.wakeup);
    this.finish('cancelled');
  }

  /** How the stream ended, kept until a sink attaches. */
  private endState: 'close' | 'error' | undefined;

  private write(chunk: string, bytes: number | undefined): void {
    if (this.sink) this.sink.write(chunk, bytes);
    else this.pending.push({ chunk, bytes });
  }

  /** Ends the sink (now, or when one attaches); a drop may resolve once the cut was made. */
  private deliverEnd(how: 'close' | 'error', last = ''): Promise<void> | undefined {
    const sink = this.sink;
    if (!sink) {
      if (last) this.pending.push({ chunk: last, bytes: undefined });
      this.endState = how;
      return undefined;
    }
    this.endState = undefined;
    if (how === 'close') {
      // One write for the last batch and the end: a client must not see the end as a chunk of its own.
      sink.close(last || undefined);
      return undefined;
    }
    return sink.error() ?? undefined;
  }

  private finish(outcome: StreamOutcome): void {
    if (this.done) return;
    this.done = true;
    this.hooks.onEnd?.({ sent: this.sent, total: this.events.length, outcome });
  }

  private step(): void {
    if (this.done) return;
    const { events, hooks } = this;
    let batch = '';
    // the batch's UTF-8 length while every frame in it had a known length (NaN otherwise)
    let bytes = 0;
    const due = this.pacer.now() - this.t0 + 0.5;
    while (this.i < events.length) {
      const event = events[this.i] as TimedEvent;
      if (!this.resume && event.at > due) break;
      const frame = frameOf(event);
      let action: EventAction | undefined;
      if (this.resume) {
        action = this.resume;
        this.resume = undefined;
      } else {
        action = hooks.beforeEvent?.(this.i, frame);
        if (action?.stallMs) {
          if (batch) this.write(batch, known(bytes));
          this.resume = action;
          this.t0 += action.stallMs;
          this.wakeup = this.pacer.wakeAt(this.pacer.now() + action.stallMs, this.stepNow);
          return;
        }
      }
      if (action?.drop) {
        if (batch) this.write(batch, known(bytes));
        const cut = this.deliverEnd('error');
        if (cut) void cut.then(() => this.finish('dropped'));
        else this.finish('dropped');
        return;
      }
      if (action?.frame !== undefined) {
        batch += action.frame;
        bytes = Number.NaN;
      } else {
        batch += frame;
        bytes += frameBytes(event, frame);
      }
      this.i++;
      this.sent = this.i;
      if (this.i === 1) hooks.onFirstEvent?.();
      if (action?.end) {
        void this.deliverEnd('close', batch);
        this.finish('ended_early');
        return;
      }
    }
    const next = events[this.i];
    if (next) {
      if (batch) this.write(batch, known(bytes));
      this.wakeup = this.pacer.wakeAt(this.t0 + next.at, this.stepNow);
      return;
    }
    void this.deliverEnd('close', batch);
    this.finish('complete');
  }
}

const known = (bytes: number): number | undefined => (Number.isNaN(bytes) ? undefined : bytes);

/**
 * A paced SSE body: each event is enqueued at its absolute deadline (no drift), events due
 * together are written in one chunk, and the loop stops when the client goes away. A drop
 * errors the stream after the data before it was taken by the reader, so servers can cut the
 * socket (no clean end) and in-process fetch bodies reject.
 */
export function sseStream(
  events: readonly TimedEvent[],
  hooks: SseHooks = {},
  pacer: Pacer = sharedPacer,
): ReadableStream<Uint8Array> {
  return streamOf(new SseProducer(events, hooks, pacer));
}

/** The web stream view of a producer; it attaches on the first read (high-water mark 0). */
function streamOf(producer: SseProducer): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (producer.claimed) return;
        producer.claimed = true;
        producer.attach({
          write: (chunk) => controller.enqueue(encoder.encode(chunk)),
          close: (last) => {
            if (last) controller.enqueue(encoder.encode(last));
            controller.close();
          },
          async error() {
            // let the reader take what was written before the cut (error() discards the queue)
            for (let w = 0; w < 50 && (controller.desiredSize ?? 0) < 0 && !cancelled; w++) await sleep(1);
            controller.error(new StreamDropped());
          },
        });
      },
      cancel() {
        cancelled = true;
        producer.cancel();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A `text/event-stream` response around a paced event list (`pacer`: the shared scheduler unless a test drives its own). */
export function sseResponse(
  events: readonly TimedEvent[],
  headers: Record<string, string> = {},
  hooks: SseHooks = {},
  pacer: Pacer = sharedPacer,
): Response {
  const producer = new SseProducer(events, hooks, pacer);
  const response = new Response(streamOf(producer), {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers },
  });
  sources.set(response, producer);
  return response;
}
