import { fmt } from '../runs/report/format';
import { reliabilityLine } from '../runs/report/instrument-section';
import type { RunReport } from '../runs/report/report-data';
import { runMockLine } from '../runs/report/run-settings';
import { thresholdVerdict } from '../scenarios/thresholds';
import { formatTable } from './format-table';

/** The end-of-run summary the CLI prints: per pattern, totals, accounting and thresholds. */
export function summaryText(r: RunReport): string {
  const rows = r.patterns.map((p) => ({
    pattern: p.pattern,
    requests: fmt.int(p.requests),
    'error rate': fmt.pct(p.errorRate),
    dropped: fmt.int(p.dropped),
    p50: fmt.ms(p.latency.p50),
    p95: fmt.ms(p.latency.p95),
    p99: fmt.ms(p.latency.p99),
    'TTFT p50': fmt.ms(p.ttft.p50),
    cost: fmt.usd(p.costUsd),
    'cost/1K': fmt.usd(p.costPer1k),
    'retry waste': fmt.usd(p.wastedUsd),
  }));
  const a = r.accounting;
  const lines = [
    `Run ${r.runId} (${r.scenario}): ${r.status}, ${r.measuredSeconds.toFixed(0)} s measured`,
    `mock: ${runMockLine(r.settings)}`,
    formatTable(rows),
    `requested ${fmt.rpm(r.requestedRpm)}, achieved ${fmt.rpm(r.achievedRpm)} · scheduled ${a.scheduled} = ok ${a.ok} + errors ${a.errors} + dropped ${a.dropped} + in flight at stop ${a.inFlightAtStop} + not started ${a.notStarted} (${a.identityHolds ? 'holds' : 'BROKEN'})`,
    `latency p50 ${fmt.ms(r.latency.p50)} p95 ${fmt.ms(r.latency.p95)} p99 ${fmt.ms(r.latency.p99)} · TTFT p50 ${fmt.ms(r.ttft.p50)} · lateness p99 ${fmt.ms(r.lateness.p99)}${r.lateness.unreliable ? ' (UNRELIABLE: > 5 ms)' : ''}`,
    `cost ${fmt.usd(r.cost.totalUsd)} · ${fmt.usd(r.cost.per1kRequests)} per 1K requests · ${fmt.usd(r.cost.perDayAtRunRate)} per day at this rate${r.cost.expectedPerDay === null ? '' : ` (seed: ${fmt.usd(r.cost.expectedPerDay)})`} · wasted ${fmt.usd(r.cost.wastedUsd)}`,
  ];
  const i = r.instrument;
  if (i)
    lines.push(
      `instrument error: TTFT p50 ${fmt.ms(i.ttftError.p50)} p99 ${fmt.ms(i.ttftError.p99)} · e2e p50 ${fmt.ms(i.e2eError.p50)} p99 ${fmt.ms(i.e2eError.p99)} · loop delay p99 ${i.loops.map((l) => `${l.name} ${fmt.ms(l.p99)}`).join(', ')}${processLoad(i.loops[0])}`,
    );
  lines.push(reliabilityLine(i).replace(/\*\*/g, ''));
  const errs = Object.entries(r.errorsByClass);
  if (errs.length) lines.push(`errors by class: ${errs.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const t of r.thresholds)
    lines.push(
      `threshold ${t.metric} ${t.expression}: ${t.observed === null ? '—' : t.observed.toFixed(3)} ${thresholdVerdict(t)}`,
    );
  if (r.verdict) lines.push(`thresholds: ${r.verdict}`);
  if (r.failure) lines.push(`FAILED: ${r.failure}`);
  return `${lines.join('\n')}\n`;
}

/** CPU is the whole process's over the window (every loop reports the same): said once. */
function processLoad(
  l: { cpuCores?: number | undefined; machineLoad?: number | undefined } | undefined,
): string {
  if (l?.cpuCores === undefined) return '';
  return ` (process CPU ${l.cpuCores.toFixed(2)} cores, machine load ${l.machineLoad?.toFixed(1) ?? '—'})`;
}
