import type { ClientConfigInput } from '../client/config';
import type { Store } from '../store/client';
import type { StoreAnswer, StoreCall } from './store-proxy';

/** What a client worker is started with. */
export interface ClientWorkerData {
  /** Where provider calls go (the mock thread, the in-process mock or HARNESS_PROVIDER_URL). */
  providerUrl: string;
  /** The harness's bearer token: a client worker's invoke API asks for it too. */
  token: string | undefined;
  storeConfig: Store['config'];
  /** Folder of the request log (each worker appends its own lines to the same file). */
  logDir: string;
}

/** What it announces once listening: its own `/api/invoke` origin (loopback, ephemeral port). */
export interface ClientWorkerReady {
  url: string;
}

/** Breaker states and queue depth per client, so the live view sees the worker's clients. */
export type ClientGaugeReport = Record<string, { queueDepth: number; breakers: Record<string, string> }>;

/** Main → client worker. */
export type ToClientWorker = { t: 'define'; name: string; config: ClientConfigInput } | StoreAnswer;

/** Client worker → main. */
export type FromClientWorker = { t: 'gauges'; clients: ClientGaugeReport } | StoreCall;
