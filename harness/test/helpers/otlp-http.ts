import http from 'node:http';
import type { HrTime } from '@opentelemetry/api';
import type { SpanRow } from '../../src/store/span-row';
import type { AcceptResult, SpanSink } from '../../src/store/span-sink';

/** A sink that keeps rows in memory and can be told to refuse some, like a full queue. */
export function memorySink() {
  const rows: SpanRow[] = [];
  let room = Number.POSITIVE_INFINITY;
  const sink: SpanSink = {
    accept(batch): AcceptResult {
      const accepted = Math.max(0, Math.min(batch.length, room));
      room -= accepted;
      rows.push(...batch.slice(0, accepted));
      return { accepted, rejected: batch.length - accepted };
    },
    flush: async () => {},
  };
  return { sink, rows, setRoom: (n: number) => (room = n) };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP request through node:http (fetch forbids some headers we need to send). */
export function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string },
) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const TRACE = '5b8efff798038103d269b633813fc60c';
export const jsonRequest = (spans: object[]) => ({
  resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 's' }, spans }] }],
});
export const goodSpan = (spanId = 'eee19b7ec3c1b174') => ({ traceId: TRACE, spanId, name: 'ok', kind: 1 });
export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  request(url, { headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
export const json = (r: Reply) => JSON.parse(r.body.toString()) as Record<string, unknown>;
export const ns = (t: HrTime) => (BigInt(t[0]) * 1_000_000_000n + BigInt(t[1])).toString();
