import { Agent } from 'undici';
import { agentFetch } from './agent-fetch';

/** Connection handling for the provider SDKs: pooled keep-alive, or a new connection per request. */
export interface TransportOptions {
  /** Keep-alive pooling (the seed's 20–40 % latency win); false opens a connection per request. */
  pooling: boolean;
  /** Sockets per origin when pooling. */
  connections?: number;
  /**
   * Longest silence while a response body arrives (undici's `bodyTimeout`). A streamed body is past
   * the SDK's own timeout once its headers arrive (`agentFetch` reads small plain bodies before
   * answering, so the SDK's timeout covers those whole); this bounds the silences in the rest.
   */
  bodyTimeoutMs?: number;
}

/** A fetch for the SDKs plus its agent, so pooling is a measurable setting. */
export interface Transport {
  fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

/**
 * Build the SDKs' fetch on an undici Agent (see `agentFetch`). Pooling off = `pipelining: 0`, which undici documents as
 * "disable keep-alive": every request pays its own TCP connect.
 */
export function createTransport(options: TransportOptions): Transport {
  const bodyTimeout = options.bodyTimeoutMs ?? 300_000;
  const agent = options.pooling
    ? new Agent({
        connections: options.connections ?? 256,
        keepAliveTimeout: 30_000,
        pipelining: 1,
        bodyTimeout,
      })
    : new Agent({ pipelining: 0, bodyTimeout });
  return {
    fetch: agentFetch(agent),
    close: () => agent.close(),
  };
}
