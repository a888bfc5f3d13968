// @ts-check
/**
 * The scenario registry both engines read. k6 has no dynamic import() (grafana/k6#3859), so every
 * scenario is imported statically here; add a new file's import and entry below.
 */
import agentRamp from './agent-ramp.js';
import backpressure from './backpressure.js';
import batchPartial from './batch-partial.js';
import batchRamp from './batch-ramp.js';
import caching from './caching.js';
import collapse from './collapse-10-to-1000.js';
import directRamp from './direct-ramp.js';
import overloadedBurstFallback from './overloaded-burst-fallback.js';
import poolingOff from './pooling-off.js';
import poolingOn from './pooling-on.js';
import productionMix from './production-mix.js';
import ragRamp from './rag-ramp.js';
import rateLimitStorm from './rate-limit-storm.js';
import routing from './routing.js';
import smoke from './smoke.js';
import sseDropWave from './sse-drop-wave.js';
import stalls from './stalls.js';
import streamingRamp from './streaming-ramp.js';

/** @type {Record<string, import('./lib/types.js').Scenario>} */
export const scenarios = {
  'agent-ramp': agentRamp,
  backpressure,
  'batch-partial': batchPartial,
  'batch-ramp': batchRamp,
  caching,
  'collapse-10-to-1000': collapse,
  'direct-ramp': directRamp,
  'overloaded-burst-fallback': overloadedBurstFallback,
  'pooling-off': poolingOff,
  'pooling-on': poolingOn,
  'production-mix': productionMix,
  'rag-ramp': ragRamp,
  'rate-limit-storm': rateLimitStorm,
  routing,
  smoke,
  'sse-drop-wave': sseDropWave,
  stalls,
  'streaming-ramp': streamingRamp,
};
