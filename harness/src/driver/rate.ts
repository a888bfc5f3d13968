/**
 * Parsers for the two human-written quantities of a load scenario: a request rate and a duration.
 * Both engines (built-in driver and k6) read the same strings, so the accepted forms mirror k6's.
 */

const RATE_UNITS_PER_MINUTE: Record<string, number> = { s: 60, m: 1, h: 1 / 60 };
const RATE_FORMS = '"<n>/s", "<n>/m", "<n>/h" or a bare number (per minute), e.g. "100/m", "10/s", "6000/h"';
const DURATION_FORMS = 'a sequence of <n><unit> with unit ms, s, m or h, e.g. "500ms", "30s", "5m", "1h30m"';
const DURATION_UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parse a rate (`"100/m"`, `"10/s"`, `"6000/h"`, bare number = per minute) into requests per minute. */
export function parseRate(input: string | number): number {
  if (typeof input === 'number') {
    if (Number.isFinite(input) && input >= 0) return input;
    throw new Error(`invalid rate ${input}: expected a finite number ≥ 0 or ${RATE_FORMS}`);
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*([smh]))?\s*$/.exec(input);
  if (!m) throw new Error(`invalid rate "${input}": expected ${RATE_FORMS}`);
  const unit = m[2] ?? 'm';
  return Number(m[1]) * (RATE_UNITS_PER_MINUTE[unit] ?? 1);
}

/** Parse a duration (`"30s"`, `"5m"`, `"1h30m"`, `"500ms"`) into milliseconds. */
export function parseDuration(input: string): number {
  const text = input.trim();
  // Sticky regex walks the string part by part so "1h30m" works and "1h 30x" fails whole.
  const part = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    part.lastIndex = pos;
    const m = part.exec(text);
    if (!m) break;
    total += Number(m[1]) * (DURATION_UNIT_MS[m[2] ?? 's'] ?? 0);
    pos = part.lastIndex;
  }
  if (text.length === 0 || pos !== text.length) {
    throw new Error(`invalid duration "${input}": expected ${DURATION_FORMS}`);
  }
  return total;
}

/** Format milliseconds back into the duration syntax (whole seconds when exact), for k6 options and reports. */
export function formatDuration(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms)}ms`;
}
