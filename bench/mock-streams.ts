/**
 * Concurrent paced SSE streams (timeScale 1, gpt-4o at 50–80 tokens/s ≈ 60): how many streams the
 * mock sustains at once and the p99 inter-chunk jitter seen by clients (gap − the stream's median gap).
 */
import { connect } from 'node:net';
import { isMain, spawnServer } from './mock-load';
import type { BenchResult } from './types';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 2500);
/**
 * Streams are opened evenly over this window (default 0: all at once). All at once is what puts
 * 2,500 streams in flight together on this box: opened over a second or two, new requests starve
 * behind the writes of the streams already running and the peak stays near 1,400 (see README).
 */
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 0);

/** Streams whose body has started and not ended; the peak proves the concurrency. */
const live = { open: 0, peak: 0 };
const PROMPT = 'Explain how streaming responses behave under load. '.repeat(60);

const TERMINATOR = Buffer.from('\r\n0\r\n\r\n', 'latin1');
/** One read buffer for every socket: `onread` callbacks run one at a time. */
const readBuffer = Buffer.alloc(64 * 1024);

/**
 * Opens one stream over a raw TCP socket and resolves the arrival gaps (ms) between its body
 * reads after the first. Why raw: on 2 shared cores the client competes with the mock for CPU,
 * and node's HTTP client (parser + stream per chunk) costs about as much per chunk as the mock
 * does to produce it. Arrival times are those of the socket reads, which is what any HTTP
 * client sees first; the stream ends at the chunked terminator.
 */
function stream(port: number, i: number): Promise<number[]> {
  const body = JSON.stringify({
    model: 'gpt-4o',
    stream: true,
    max_tokens: 240,
    messages: [{ role: 'user', content: `${i} ${PROMPT}` }],
  });
  const head =
    `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer bench\r\n` +
    `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let inBody = false;
    let responseHead = '';
    // The last 7 body bytes seen, for the chunked terminator `\r\n0\r\n\r\n`.
    const last = Buffer.alloc(7);
    let ok = false;
    // `onread` hands every read to the callback in one reused buffer: no Buffer, stream push or
    // 'data' event per read, so the client (sharing the 2 cores with the mock) stays cheap.
    const socket = connect({
      port,
      host: '127.0.0.1',
      onread: {
        buffer: readBuffer,
        callback: (size: number, buf: Uint8Array) => {
          const at = performance.now();
          let from = 0;
          if (!inBody) {
            responseHead += Buffer.from(buf.buffer, buf.byteOffset, size).toString('latin1');
            const end = responseHead.indexOf('\r\n\r\n');
            if (end < 0) return true;
            if (!responseHead.startsWith('HTTP/1.1 200')) {
              reject(new Error(responseHead.split('\r\n')[0]));
              return false;
            }
            inBody = true;
            from = size - (responseHead.length - (end + 4));
            if (from >= size) return true;
          }
          if (times.length === 0) live.peak = Math.max(live.peak, ++live.open);
          times.push(at);
          const n = size - from;
          if (n >= 7) last.set(buf.subarray(size - 7, size));
          else {
            last.copyWithin(0, n);
            last.set(buf.subarray(from, size), 7 - n);
          }
          if (last.equals(TERMINATOR)) {
            ok = true;
            live.open--;
            socket.end();
          }
          return true;
        },
      },
    });
    socket.on('close', () =>
      ok ? resolve(times.slice(2).map((t, k) => t - (times[k + 1] as number))) : reject(new Error('cut')),
    );
    socket.on('error', reject);
    socket.write(head + body);
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Runs STREAMS concurrent streams (~15 s) and reports completion and p99 jitter. */
export async function run(): Promise<BenchResult[]> {
  const server = await spawnServer('paced');
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from(
        { length: STREAMS },
        (_, i) =>
          new Promise<number[]>((resolve, reject) =>
            setTimeout(() => stream(server.port, i).then(resolve, reject), (i * RAMP_MS) / STREAMS),
          ),
      ),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' && r.value.length > 10 ? [r.value] : []));
    const jitter: number[] = [];
    for (const gaps of ok) {
      const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
      for (const g of gaps) jitter.push(Math.abs(g - median));
    }
    jitter.sort((a, b) => a - b);
    const p99 = percentile(jitter, 0.99);
    const p50 = percentile(jitter, 0.5);
    const secs = (performance.now() - started) / 1000;
    console.log(
      `${ok.length}/${STREAMS} streams completed in ${secs.toFixed(1)} s, ${live.peak} open at once | jitter p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
    );
    return [
      {
        goal: `>= 2,500 concurrent SSE streams complete`,
        measured: `${ok.length}/${STREAMS} complete, ${live.peak} open at once`,
        ratio: Math.min(ok.length, live.peak) / 2500,
        pass: ok.length >= 2500 && live.peak >= 2500,
      },
      {
        goal: 'p99 inter-chunk jitter < 10 ms',
        measured: `p99 ${p99.toFixed(2)} ms (p50 ${p50.toFixed(2)} ms)`,
        ratio: p99 / 10,
        pass: p99 < 10 && ok.length >= 2500 && live.peak >= 2500,
      },
    ];
  } finally {
    server.stop();
  }
}

if (isMain(import.meta.url)) console.table(await run());
