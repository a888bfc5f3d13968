/**
 * When a run is UNRELIABLE (metrics.md, issue 19): schedule lateness p99 above `latenessP99Ms`, or
 * TTFT error p99 above `errorP99Ms` (a non-streamed answer's TTFT error is its e2e error). The one
 * definition the verdict and every view read; its own file so the verdict's code and the API
 * contract can both import it without a cycle.
 */
export const INSTRUMENT_LIMITS = { latenessP99Ms: 5, errorP99Ms: 10 } as const;
