/** How the span panel shows one attribute value: numbers rounded (with their unit), long text wrapped. */

const NUMBER = /^-?\d+\.\d+(e[-+]?\d+)?$/i;

/** A value longer than this takes its own full-width line in the panel. */
export const LONG_VALUE = 48;

/**
 * The display text of an attribute: a fractional number is rounded (`30.999999999976048` with a
 * `…_ms` key → `31.0 ms`, other fractions to 4 significant digits); integers, ids and text are
 * shown as they are.
 */
export function attrText(key: string, value: string): string {
  if (!NUMBER.test(value.trim())) return value;
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  if (/(^|[._])ms$/.test(key)) return `${n.toFixed(1)} ms`;
  if (/(^|[._])(usd|cost)$/.test(key)) return `$${n.toPrecision(3)}`;
  return String(Number(n.toPrecision(4)));
}
