import type { MessagePort } from 'node:worker_threads';
import type { ClientConfigInput } from '../client/config';
import type { Store } from '../store/client';
import type { StoreAnswer, StoreCall } from './store-proxy';

/** What a client worker is started with. */
export interface ClientWorkerData {
  /** Where provider calls go (the mock thread, the in-process mock or HARNESS_PROVIDER_URL). */
  providerUrl: string;
  storeConfig: Store['config'];
  /** Folder of the request log (each worker appends its own lines to the same file). */
  logDir: string;
}

/** What it announces once ready to take invoke ports (nothing to tell but that). */
export type ClientWorkerReady = Record<string, never>;

/** Breaker states and queue depth per client, so the live view sees the worker's clients. */
export type ClientGaugeReport = Record<string, { queueDepth: number; breakers: Record<string, string> }>;

/** Main → client worker: a scenario's client settings, a run's invoke port, a store answer. */
export type ToClientWorker =
  | { t: 'define'; name: string; config: ClientConfigInput }
  | { t: 'invoke-port'; port: MessagePort }
  | StoreAnswer;

/** Client worker → main. */
export type FromClientWorker = { t: 'gauges'; clients: ClientGaugeReport } | StoreCall;
