import { describe, expect, it } from 'vitest';
import { createManualPacer, type ManualPacer } from './latency/manual-pacer';
import { claimSseSource, frameOf, sseResponse, sseStream } from './sse';

/** Lets promise callbacks (a reader's pending read) run: no wall-clock time is involved. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads a stream while the test moves the pacer; each read is stamped with the pacer's time. */
function recorder(stream: ReadableStream<Uint8Array>, pacer: ManualPacer) {
  const reads: Array<{ at: number; text: string }> = [];
  const reader = stream.getReader();
  const done = (async () => {
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) return;
      reads.push({ at: pacer.now(), text: new TextDecoder().decode(value) });
    }
  })();
  return { reads, done };
}

describe('SSE writer', () => {
  it('frames events with and without event: lines', () => {
    expect(frameOf({ data: '{}' })).toBe('data: {}\n\n');
    expect(frameOf({ event: 'ping', data: '{}' })).toBe('event: ping\ndata: {}\n\n');
  });

  it('hands a direct sink each batch with its byte length, unless a fault rewrote a frame in it', async () => {
    const pacer = createManualPacer();
    const writes: Array<{ at: number; chunk: string; bytes: number | undefined }> = [];
    let closedWith: string | undefined | null = null;
    const response = sseResponse(
      [
        { at: 0, data: 'é1', dataBytes: 3 },
        { at: 0, event: 'ping', data: 'x', dataBytes: 1 },
        { at: 20, data: 'no length given' },
        { at: 40, data: 'rewritten', dataBytes: 9 },
        { at: 60, data: 'last' },
      ],
      {},
      { beforeEvent: (i) => (i === 3 ? { frame: 'data: {oops\n\n' } : undefined) },
      pacer,
    );
    claimSseSource(response)?.attach({
      write: (chunk, bytes) => writes.push({ at: pacer.now(), chunk, bytes }),
      close: (last) => {
        closedWith = last;
      },
      error: () => undefined,
    });
    pacer.advanceTo(60);
    expect(writes).toEqual([
      // the two events due at 0 go out together, with the length the renderer gave
      { at: 0, chunk: 'data: é1\n\nevent: ping\ndata: x\n\n', bytes: 32 },
      // an event with no length given is measured
      { at: 20, chunk: 'data: no length given\n\n', bytes: Buffer.byteLength('data: no length given\n\n') },
      // a batch holding a frame a fault rewrote is left to the sink to measure
      { at: 40, chunk: 'data: {oops\n\n', bytes: undefined },
    ]);
    expect(Buffer.byteLength(writes[0]?.chunk ?? '')).toBe(32);
    // the last batch goes out with the end, in one write
    expect(closedWith).toBe('data: last\n\n');
  });

  it('writes events due together in one chunk and paces later ones at their deadlines', async () => {
    const pacer = createManualPacer();
    const { reads, done } = recorder(
      sseStream(
        [
          { at: 0, data: 'a' },
          { at: 0, data: 'b' },
          { at: 40, data: 'c' },
          { at: 80, data: 'd' },
        ],
        {},
        pacer,
      ),
      pacer,
    );
    await flush();
    pacer.advanceTo(0);
    await flush();
    pacer.advanceTo(39);
    await flush();
    expect(reads).toEqual([{ at: 0, text: 'data: a\n\ndata: b\n\n' }]);
    pacer.advanceTo(40);
    await flush();
    pacer.advanceTo(80);
    await done;
    expect(reads).toEqual([
      { at: 0, text: 'data: a\n\ndata: b\n\n' },
      { at: 40, text: 'data: c\n\n' },
      { at: 80, text: 'data: d\n\n' },
    ]);
  });

  it('lets a hook rewrite a frame, then cut the stream with an error after delivering what came before', async () => {
    const pacer = createManualPacer();
    const ends: unknown[] = [];
    const hooks = {
      beforeEvent: (i: number) =>
        i === 1 ? { frame: 'data: {bad\n\n' } : i === 2 ? { drop: true } : undefined,
      onEnd: (info: unknown) => ends.push(info),
    };
    const reader = sseStream(
      [
        { at: 0, data: 'a' },
        { at: 0, data: 'b' },
        { at: 0, data: 'c' },
      ],
      hooks,
      pacer,
    ).getReader();
    const first = reader.read();
    await flush();
    pacer.advanceTo(0);
    expect(new TextDecoder().decode((await first).value)).toBe('data: a\n\ndata: {bad\n\n');
    await expect(reader.read()).rejects.toThrow(/terminated/);
    expect(ends).toEqual([{ sent: 2, total: 3, outcome: 'dropped' }]);
  });

  it('stalls before an event and shifts the rest; an end action closes right after its frame', async () => {
    const pacer = createManualPacer();
    const { reads, done } = recorder(
      sseStream(
        [
          { at: 0, data: 'a' },
          { at: 0, data: 'b' },
          { at: 0, data: 'c' },
        ],
        {
          beforeEvent: (i) =>
            i === 1
              ? { stallMs: 60 }
              : i === 2
                ? { frame: 'event: error\ndata: {}\n\n', end: true }
                : undefined,
        },
        pacer,
      ),
      pacer,
    );
    await flush();
    pacer.advanceTo(0);
    await flush();
    pacer.advanceTo(59);
    await flush();
    expect(reads).toEqual([{ at: 0, text: 'data: a\n\n' }]);
    pacer.advanceTo(60);
    await done;
    expect(reads).toEqual([
      { at: 0, text: 'data: a\n\n' },
      { at: 60, text: 'data: b\n\nevent: error\ndata: {}\n\n' },
    ]);
    expect(pacer.pending()).toBe(0);
  });
});
