/**
 * How long the end of a run waits for its spans to reach the store. Why bounded: while the store
 * is down the span writer keeps its rows and retries (nothing is lost, every drop is counted), so
 * an unbounded wait would hold the run open for the whole outage.
 */
export const RUN_END_FLUSH_MS = 10_000;

/** Waits for `flush` at most `ms`; true when it finished, false when the time ran out first. */
export async function flushWithin(flush: () => Promise<void>, ms = RUN_END_FLUSH_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([flush().then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The end of a run: its spans into the store (the report reads them there), unless the store is
 * down, when the run ends anyway and the log says the report may miss what is still queued.
 */
export async function flushAtRunEnd(
  flush: (() => Promise<void>) | undefined,
  log: (msg: string, extra?: object) => void,
  runId: string,
): Promise<void> {
  if (flush && !(await flushWithin(flush)))
    log('spans still queued at the end of the run (is the store down?); the report may miss them', { runId });
}
