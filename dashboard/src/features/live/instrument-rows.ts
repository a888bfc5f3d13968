import { INSTRUMENT_LIMITS } from 'harness/contracts';
import type { InstrumentSection } from '../../lib/server-types';

/** One measured quantity of the instrument's error, as a table row. */
export interface ErrorRow {
  quantity: string;
  /** How it is computed, in one line. */
  how: string;
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  /** Its p99 crosses the limit that makes a run unreliable (null: no limit applies). */
  overLimit: boolean | null;
}

/** The three per-request quantities, each against its limit. */
export function errorRows(i: InstrumentSection): ErrorRow[] {
  const limit = INSTRUMENT_LIMITS.errorP99Ms;
  const row = (quantity: string, how: string, d: InstrumentSection['ttftError'], limited: boolean) => ({
    quantity,
    how,
    count: d.count,
    p50: d.p50,
    p95: d.p95,
    p99: d.p99,
    max: d.max,
    overLimit: limited ? d.p99 !== null && d.p99 > limit : null,
  });
  return [
    row('TTFT error', 'client TTFT − mock first byte (non-streamed: the e2e error)', i.ttftError, true),
    // for a stream it sums every chunk's lag to the last; for the rest it is the TTFT error already
    row('e2e error', 'driver latency − lateness − mock span (not judged)', i.e2eError, false),
    row("mock's own lateness", 'mock first byte − designed delay', i.mockLateness, false),
  ];
}

/** The verdict line: reliable within the limits, or UNRELIABLE with every reason. */
export function verdictLine(i: InstrumentSection): string {
  const { latenessP99Ms, errorP99Ms } = INSTRUMENT_LIMITS;
  return i.unreliable
    ? `UNRELIABLE run: ${i.reasons.join('; ')}`
    : `Reliable run: schedule lateness p99 ≤ ${latenessP99Ms} ms, TTFT error p99 ≤ ${errorP99Ms} ms`;
}

/** Which requests the figures are over, in one sentence. */
export function populationLine(i: InstrumentSection): string {
  if (i.notCompared) return `No request compared with the mock's ground truth: ${i.notCompared}.`;
  return `${i.compared.toLocaleString('en')} requests compared: the measured window (warm-up excluded), requests that succeeded with exactly one provider call, answered 200 by the mock with no fault injected; each against the mock's ground-truth span of the same trace.`;
}
