import type { EventAction, TimedEvent } from '../sse';
import type { FaultKind } from './kinds';
import type { FaultSelection } from './select';

/** The kinds that act on a stream already under way. */
export type StreamFaultKind = Extract<
  FaultKind,
  'sse_drop' | 'sse_stall' | 'chunk_malformed' | 'overloaded' | 'server_error'
>;

/** Where a stream fault lands: events delivered before it (0 = before the first event). */
export function faultPosition(sel: FaultSelection, events: number, tail: number, fraction: number): number {
  // by default strictly inside the content: after at least one event, before the end events
  const k = sel.at ?? 1 + Math.floor(fraction * Math.max(0, events - tail - 1));
  return Math.max(0, Math.min(k, events - 1));
}

/**
 * `overloaded` on a stream fails either before it starts (the HTTP 503/529) or mid-stream (an
 * error event after some chunks): `x-mock-fault-at: 0` or the draw's lower half → before.
 */
export function errorBeforeStream(sel: FaultSelection): boolean {
  return sel.at !== undefined ? sel.at === 0 : sel.draw.v < 0.5;
}

/**
 * `server_error` is the HTTP 500 (ARCHITECTURE.md) unless the request asks for it in-stream with
 * `x-mock-fault-at ≥ 1`, where the API can report one (Responses `response.failed`).
 */
export function serverErrorInStream(sel: FaultSelection): boolean {
  return sel.at !== undefined && sel.at > 0;
}

/** Stall of `sse_stall`: > 30 s at timeScale 1 (35 s), scaled, never under 400 ms. */
export const stallMs = (timeScale: number): number => Math.max(35_000 * timeScale, 400);

/** An SSE data line cut in half: invalid JSON, `event:` line kept so SDKs do not skip it. */
function malformed(e: TimedEvent): string {
  const cut = e.data.slice(0, Math.max(1, Math.floor(e.data.length / 2)));
  return e.event ? `event: ${e.event}\ndata: ${cut}\n\n` : `data: ${cut}\n\n`;
}

/**
 * The per-event action of a stream fault at event `at`: `sse_drop` cuts the connection there,
 * `sse_stall` pauses before it, `chunk_malformed` corrupts it (the last JSON event at most, never
 * `[DONE]`), `overloaded` and `server_error` replace it with the provider's error event and end
 * the stream.
 */
export function streamAction(
  kind: StreamFaultKind,
  events: readonly TimedEvent[],
  at: number,
  options: { timeScale: number; error: Pick<TimedEvent, 'event' | 'data'> },
): (index: number) => EventAction | undefined {
  if (kind === 'chunk_malformed') {
    let target = at;
    while (target > 0 && (events[target] as TimedEvent).data === '[DONE]') target--;
    const corrupted = malformed(events[target] as TimedEvent);
    return (i) => (i === target ? { frame: corrupted } : undefined);
  }
  const action: EventAction =
    kind === 'sse_drop'
      ? { drop: true }
      : kind === 'sse_stall'
        ? { stallMs: stallMs(options.timeScale) }
        : {
            frame: options.error.event
              ? `event: ${options.error.event}\ndata: ${options.error.data}\n\n`
              : `data: ${options.error.data}\n\n`,
            end: true,
          };
  return (i) => (i === at ? action : undefined);
}
