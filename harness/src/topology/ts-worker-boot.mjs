// Entry of a worker thread running TypeScript: the TS loader is per thread, so register it here
// (as bin/harness.mjs does for the main thread), then load the real entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
