/** Axis scales for the report's SVG charts: linear with round ticks, or log10 with decade ticks. */

/** A data → pixel mapping with its tick values. */
export interface Scale {
  at(v: number): number;
  ticks: number[];
  min: number;
  max: number;
}

/** The smallest "round" number (1, 2, 2.5, 5 × 10^k) at or above `v`. */
export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** Tick labels that stay short: 0.000375 → 3.8e-4, 12500 → 12.5k. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 0.01) return v.toExponential(1);
  return new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 }).format(v);
}

/** Linear scale from 0 (or `min`) to a round maximum over the pixel range [p0, p1]. */
export function linearScale(maxValue: number, p0: number, p1: number, count = 5, min = 0): Scale {
  const max = min === 0 ? niceMax(maxValue) : Math.max(maxValue, min + 1);
  const step = (max - min) / (count - 1);
  const ticks = Array.from({ length: count }, (_, i) => min + i * step);
  return { at: (v) => p0 + ((v - min) / (max - min)) * (p1 - p0), ticks, min, max };
}

/**
 * Log10 scale over the decades that hold the data: one slow pattern (batch's seconds) no longer
 * flattens the fast ones (direct's milliseconds). Values ≤ 0 sit on the lowest decade.
 */
export function logScale(values: number[], p0: number, p1: number): Scale {
  const pos = values.filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(pos.length ? Math.min(...pos) : 1));
  const hiRaw = 10 ** Math.ceil(Math.log10(pos.length ? Math.max(...pos) : 10));
  const hi = hiRaw > lo ? hiRaw : lo * 10;
  const ticks: number[] = [];
  for (let v = lo; v <= hi * 1.0001; v *= 10) ticks.push(v);
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi);
  return {
    at: (v) => p0 + ((Math.log10(Math.max(v, lo)) - l0) / (l1 - l0)) * (p1 - p0),
    ticks,
    min: lo,
    max: hi,
  };
}
