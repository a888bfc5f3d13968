import type { Rng } from '../content/rng';
import type { ModelSpec } from '../models/catalog';

/** When each part of an answer is due, in ms after the request arrived (already × timeScale). */
export interface Timing {
  /** Time to first token (streaming) or to first byte of work (non-stream). */
  ttftMs: number;
  /** Gap between consecutive output tokens. */
  perTokenMs: number;
  /** Drawn generation speed, tokens/s (before timeScale). */
  tokensPerSecond: number;
}

/**
 * Draws a model's TTFT and generation speed from its catalog ranges with a seeded PRNG, scaled
 * by `timeScale` (1 = published latencies, 0 = none).
 */
export function drawTiming(model: ModelSpec, rng: Rng, timeScale: number): Timing {
  const [tMin, tMax] = model.ttftMs;
  const [sMin, sMax] = model.tokensPerSecond;
  const ttft = tMin + rng.next() * (tMax - tMin);
  const tps = sMin + rng.next() * (sMax - sMin);
  return { ttftMs: ttft * timeScale, perTokenMs: (1000 / tps) * timeScale, tokensPerSecond: tps };
}

/** Non-stream latency: TTFT plus the time to generate every output token. */
export function totalLatencyMs(timing: Timing, outputTokens: number): number {
  return timing.ttftMs + timing.perTokenMs * outputTokens;
}
