import { describe, expect, it } from 'vitest';
import { claimSseSource, frameOf, sseResponse, sseStream } from './sse';

async function collect(stream: ReadableStream<Uint8Array>): Promise<{ reads: string[]; times: number[] }> {
  const reader = stream.getReader();
  const reads: string[] = [];
  const times: number[] = [];
  const t0 = performance.now();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { reads, times };
    reads.push(new TextDecoder().decode(value));
    times.push(performance.now() - t0);
  }
}

describe('SSE writer', () => {
  it('frames events with and without event: lines', () => {
    expect(frameOf({ data: '{}' })).toBe('data: {}\n\n');
    expect(frameOf({ event: 'ping', data: '{}' })).toBe('event: ping\ndata: {}\n\n');
  });

  it('hands a direct sink each batch with its byte length, unless a fault rewrote a frame in it', async () => {
    const writes: Array<{ chunk: string; bytes: number | undefined }> = [];
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
    );
    const closed = new Promise<string | undefined>((resolve) =>
      claimSseSource(response)?.attach({
        write: (chunk, bytes) => writes.push({ chunk, bytes }),
        close: resolve,
        error: () => undefined,
      }),
    );
    const last = await closed;
    expect(writes.map((w) => w.chunk).join('') + (last ?? '')).toBe(
      'data: é1\n\nevent: ping\ndata: x\n\ndata: no length given\n\ndata: {oops\n\ndata: last\n\n',
    );
    // the two events due at 0 go out together, with the length the renderer gave
    expect(writes[0]).toEqual({ chunk: 'data: é1\n\nevent: ping\ndata: x\n\n', bytes: 32 });
    expect(Buffer.byteLength(writes[0]?.chunk ?? '')).toBe(32);
    // later batches (how they group depends on timers): an event with no length given is measured;
    // a batch holding a frame a fault rewrote is left to the sink to measure
    for (const w of writes.slice(1))
      expect(w.bytes).toBe(w.chunk.includes('{oops') ? undefined : Buffer.byteLength(w.chunk));
  });

  it('writes events due together in one chunk and paces later ones at their deadlines', async () => {
    const { reads, times } = await collect(
      sseStream([
        { at: 0, data: 'a' },
        { at: 0, data: 'b' },
        { at: 40, data: 'c' },
        { at: 80, data: 'd' },
      ]),
    );
    expect(reads).toEqual(['data: a\n\ndata: b\n\n', 'data: c\n\n', 'data: d\n\n']);
    expect(times[1]).toBeGreaterThanOrEqual(38);
    expect(times[2]).toBeGreaterThanOrEqual(78);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeLessThan(60);
  });

  it('lets a hook rewrite a frame, then cut the stream with an error after delivering what came before', async () => {
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
    ).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: a\n\ndata: {bad\n\n');
    await expect(reader.read()).rejects.toThrow(/terminated/);
    expect(ends).toEqual([{ sent: 2, total: 3, outcome: 'dropped' }]);
  });

  it('stalls before an event and shifts the rest; an end action closes right after its frame', async () => {
    const { reads, times } = await collect(
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
      ),
    );
    expect(reads).toEqual(['data: a\n\n', 'data: b\n\nevent: error\ndata: {}\n\n']);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(55);
  });
});
