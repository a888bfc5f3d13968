const QUOTE = 34; // "
const BACKSLASH = 92;
const MINUS = 45;

const isDigit = (c: number) => c >= 48 && c <= 57;
// Characters that can continue a JSON number token: digits . e E + -
const isNumberPart = (c: number) =>
  isDigit(c) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS;
const LONG_INTEGER = /^-?\d{16,}$/;

/**
 * Wrap every integer literal of 16+ digits in quotes so `JSON.parse` keeps it exact as a string.
 *
 * OTLP JSON carries int64/fixed64 as strings, but some senders (the JS `JsonTraceSerializer` for
 * `intValue`) write numbers, and Node 20's `JSON.parse` has no lossless hook. Every OTLP integer
 * field accepts the string form (proto3 JSON), so quoting is safe; string contents are skipped.
 */
export function quoteLongIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text; // the common case: nothing long enough to lose precision
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i += 2;
        else if (d === QUOTE) break;
        else i++;
      }
      i++;
    } else if (c === MINUS || isDigit(c)) {
      const start = i;
      while (i < n && isNumberPart(text.charCodeAt(i))) i++;
      const token = text.slice(start, i);
      if (LONG_INTEGER.test(token)) {
        parts.push(text.slice(last, start), '"', token, '"');
        last = i;
      }
    } else {
      i++;
    }
  }
  if (last === 0) return text;
  parts.push(text.slice(last));
  return parts.join('');
}
