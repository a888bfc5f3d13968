/**
 * Seeded pseudo-random numbers (mulberry32): small, fast, and the same sequence for the same seed
 * on every machine, so a Poisson schedule or a fault draw can be replayed exactly.
 */

/** A uniform draw in [0, 1). */
export type Random = () => number;

/** Create a seeded uniform generator in [0, 1). */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An exponential draw with mean 1 (never infinite: the uniform is kept away from 0). */
export function exponential(random: Random): number {
  return -Math.log(1 - random() * (1 - Number.EPSILON));
}
