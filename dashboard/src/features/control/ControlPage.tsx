import { MockControl } from './MockControl';
import { MockStatsPanel } from './MockStatsPanel';
import { RunControl } from './RunControl';

/** Drive the harness: start/stop runs, switch the mock's faults and rate limits live. */
export function ControlPage() {
  return (
    <div className="grid">
      <RunControl />
      <MockControl />
      <MockStatsPanel />
    </div>
  );
}
