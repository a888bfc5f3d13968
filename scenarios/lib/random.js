// @ts-check
/** The seeded generator every engine draws from (./plan.js, ./arrivals.js). Plain ES2017. */

/**
 * Seeded uniform generator in [0, 1) (mulberry32): the same sequence for a seed on every engine.
 * @param {number} seed
 * @returns {() => number}
 */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
