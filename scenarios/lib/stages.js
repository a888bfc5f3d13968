// @ts-check
/** Stage builders shared by scenario files (plain JS, no node imports: k6 loads these too). */

/**
 * A stepped ramp: for each level (requests per minute) ramp to it, then hold it.
 * `steps([10, 100, 1000])` shows where a pattern breaks between 10 and 1,000 RPM.
 * @param {number[]} levels
 * @param {{ ramp?: string, hold?: string }} [opts]
 * @returns {import('./types.js').Stage[]}
 */
export function steps(levels, opts = {}) {
  const ramp = opts.ramp || '30s';
  const hold = opts.hold || '1m';
  /** @type {import('./types.js').Stage[]} */
  const out = [];
  for (const target of levels) {
    out.push({ duration: ramp, target }, { duration: hold, target });
  }
  return out;
}

/**
 * A constant rate: one stage whose target equals the start rate (pass `startRate` alongside).
 * @param {number} rpm
 * @param {string} duration
 * @returns {import('./types.js').Stage[]}
 */
export function constant(rpm, duration) {
  return [{ duration, target: rpm }];
}
