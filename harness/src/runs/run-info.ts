import type { RunInfo } from '../contracts/live';
import type { RunRecord } from './registry';

/**
 * What a run's scenario drove: the built-in client, or a URL (the user's app). Read from the stored
 * scenario (`config.scenario.target.kind`); a run registered without one (plain `k6 run`) drove the
 * harness's invoke API, the built-in client.
 */
function targetOf(config: unknown): RunInfo['target'] {
  const kind = (config as { scenario?: { target?: { kind?: unknown } } } | null)?.scenario?.target?.kind;
  return kind === 'url' ? 'url' : 'builtin';
}

/** A registry record as the API, the live socket and the dashboard show a run: the one mapping. */
export function runInfoOf(r: RunRecord): RunInfo {
  return {
    runId: r.runId,
    scenario: r.scenario,
    engine: r.engine,
    target: targetOf(r.config),
    status: r.status,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    thresholdsPassed: r.thresholdsPassed,
  };
}
