/**
 * The driver's end of an invoke port (contracts/invoke-port.ts): one call = one `invoke` message
 * and its answer. An abort sends `cancel` and rejects; the worker's end closing (the worker died)
 * rejects every call still waiting with a transport error, as a reset connection would.
 */
import type { MessagePort } from 'node:worker_threads';
import type { InvokePortAnswer, ToInvokePort } from '../contracts/invoke-port';

/** A call's transport failed: the client worker went away before answering. */
export class InvokePortClosed extends Error {
  readonly code = 'ERR_INVOKE_PORT_CLOSED';
  constructor() {
    super('client worker went away before answering');
  }
}

/** Calls over one port. */
export interface InvokePortClient {
  call(
    pattern: string,
    body: unknown,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown }>;
  close(): void;
}

/** The driver's end of `port`. */
export function invokePortClient(port: MessagePort): InvokePortClient {
  const waiting = new Map<number, { resolve(a: InvokePortAnswer): void; reject(e: unknown): void }>();
  let closed = false;
  let next = 0;
  const send = (m: ToInvokePort) => port.postMessage(m);
  port.on('message', (a: InvokePortAnswer) => {
    waiting.get(a.id)?.resolve(a);
    waiting.delete(a.id);
  });
  port.on('close', () => {
    closed = true;
    for (const w of waiting.values()) w.reject(new InvokePortClosed());
    waiting.clear();
  });
  return {
    call(pattern, body, headers, signal) {
      if (closed) return Promise.reject(new InvokePortClosed());
      if (signal.aborted) return Promise.reject(signal.reason);
      const id = next++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          waiting.delete(id);
          if (!closed) send({ t: 'cancel', id });
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiting.set(id, {
          resolve: (a) => {
            signal.removeEventListener('abort', onAbort);
            resolve({ status: a.status, body: a.body });
          },
          reject: (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
          },
        });
        send({ t: 'invoke', id, pattern, body, headers });
      });
    },
    close() {
      closed = true;
      port.close();
    },
  };
}
