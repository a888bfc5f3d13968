/**
 * The invoke port: how the built-in driver reaches a client worker's `/api/invoke` without an HTTP
 * hop. One `MessageChannel` per run and worker; the driver's end sends `invoke`/`cancel`, the
 * worker's end answers each `invoke` once with what the HTTP route would have answered (status and
 * JSON body). The hop is the instrument's own error, so the driver's sends take the cheapest one:
 * thread to thread on the 2-core box, a message round trip is p50 0.05 / p99 0.16 ms against
 * loopback HTTP's 0.14 / 2.5 ms back to back, 0.23 vs 0.67 ms p50 with calls 20 ms apart
 * (bench/driver-hop.ts).
 */

/** Driver → worker: run one invoke (headers by lower-case name, as HTTP would carry them). */
export interface InvokePortCall {
  t: 'invoke';
  id: number;
  pattern: string;
  body: unknown;
  headers: Record<string, string>;
}

/** Driver → worker: the driver stopped waiting for `id` (timeout, hard stop): abort it. */
export interface InvokePortCancel {
  t: 'cancel';
  id: number;
}

/** Worker → driver: the answer to `id`. */
export interface InvokePortAnswer {
  id: number;
  status: number;
  body: unknown;
}

export type ToInvokePort = InvokePortCall | InvokePortCancel;
