/**
 * A client worker's end of an invoke port (contracts/invoke-port.ts): each `invoke` runs through
 * the same `runInvoke` as the HTTP route and is answered with the same status and body; `cancel`
 * aborts it as a closed connection would, and so does the driver's end going away.
 */
import type { MessagePort } from 'node:worker_threads';
import type { InvokePortAnswer, ToInvokePort } from '../contracts/invoke-port';
import { errorAnswer } from '../server/http-errors';
import { type InvokeDeps, runInvoke } from '../server/invoke-request';

/** Serve invokes on `port` until it closes; unexpected errors go to `log`. */
export function serveInvokePort(port: MessagePort, deps: InvokeDeps, log: (e: unknown) => void): void {
  const running = new Map<number, AbortController>();
  const answer = (a: InvokePortAnswer) => {
    // the driver's end may be gone (run over); the answer then has nobody to reach
    try {
      port.postMessage(a);
    } catch {}
  };
  port.on('message', (m: ToInvokePort) => {
    if (m.t === 'cancel') {
      running.get(m.id)?.abort();
      return;
    }
    const abort = new AbortController();
    running.set(m.id, abort);
    const headers = m.headers;
    runInvoke(deps, {
      pattern: m.pattern,
      body: m.body,
      header: (name) => headers[name],
      signal: abort.signal,
    })
      .then(
        (body) => answer({ id: m.id, status: 200, body }),
        (e: unknown) => {
          const a = errorAnswer(e);
          if (a.unexpected) log(e);
          answer({ id: m.id, status: a.status, body: a.body });
        },
      )
      .finally(() => running.delete(m.id));
  });
  port.on('close', () => {
    for (const abort of running.values()) abort.abort();
    running.clear();
  });
}
