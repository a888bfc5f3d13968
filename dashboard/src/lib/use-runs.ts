import { call } from './api';
import { useLive } from './live-context';
import type { RunInfo } from './server-types';
import { type AsyncState, useAsync } from './use-async';

/** The run list (newest first), refetched whenever a run starts or finishes. */
export function useRuns(): AsyncState<RunInfo[]> {
  const { runsVersion } = useLive();
  return useAsync(async (signal) => (await call('listRuns', { signal })).runs, [runsVersion]);
}
