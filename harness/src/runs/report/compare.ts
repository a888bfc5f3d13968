import { fmt, mdTable } from './format';
import type { RunReport } from './report-data';
import { type SettingDifference, settingsDifferences } from './run-settings';

/** One compared metric: baseline, candidate, their delta, and which direction is better. */
export interface MetricDelta {
  metric: string;
  unit: 'ms' | 'usd' | 'rate' | 'rpm' | 'count';
  baseline: number | null;
  candidate: number | null;
  delta: number | null;
  deltaPct: number | null;
  better: 'lower' | 'higher';
  /** True when the candidate moved in the better direction (null when unchanged or unknown). */
  improved: boolean | null;
}

/** Two runs side by side (`harness compare`, `GET /api/compare`). */
export interface Comparison {
  baseline: { runId: string; scenario: string };
  candidate: { runId: string; scenario: string };
  metrics: MetricDelta[];
  patterns: { pattern: string; metrics: MetricDelta[] }[];
  /** Mock and client settings that differ between the two runs: their numbers may not be comparable. */
  settingsDiffer: SettingDifference[];
}

function delta(
  metric: string,
  unit: MetricDelta['unit'],
  better: MetricDelta['better'],
  a: number | null,
  b: number | null,
): MetricDelta {
  const d = a === null || b === null ? null : b - a;
  return {
    metric,
    unit,
    baseline: a,
    candidate: b,
    delta: d,
    deltaPct: d === null || !a ? null : d / a,
    better,
    improved: d === null || d === 0 ? null : better === 'lower' ? d < 0 : d > 0,
  };
}

const errorRate = (r: { ok: number; errors: number }) =>
  r.ok + r.errors ? r.errors / (r.ok + r.errors) : null;

/** Compare a candidate run against a baseline, overall and per pattern present in both. */
export function compareRuns(a: RunReport, b: RunReport): Comparison {
  const overall = [
    delta('achieved rate', 'rpm', 'higher', a.achievedRpm, b.achievedRpm),
    delta('latency p50', 'ms', 'lower', a.latency.p50, b.latency.p50),
    delta('latency p95', 'ms', 'lower', a.latency.p95, b.latency.p95),
    delta('latency p99', 'ms', 'lower', a.latency.p99, b.latency.p99),
    delta('TTFT p50', 'ms', 'lower', a.ttft.p50, b.ttft.p50),
    delta('TTFT p95', 'ms', 'lower', a.ttft.p95, b.ttft.p95),
    delta('error rate', 'rate', 'lower', errorRate(a.accounting), errorRate(b.accounting)),
    delta('dropped', 'count', 'lower', a.accounting.dropped, b.accounting.dropped),
    delta('cost per 1K requests', 'usd', 'lower', a.cost.per1kRequests, b.cost.per1kRequests),
    delta('cost per day at run rate', 'usd', 'lower', a.cost.perDayAtRunRate, b.cost.perDayAtRunRate),
    delta('retry waste', 'usd', 'lower', a.cost.wastedUsd, b.cost.wastedUsd),
  ];
  const patterns = a.patterns
    .filter((p) => b.patterns.some((q) => q.pattern === p.pattern))
    .map((p) => {
      const q = b.patterns.find((x) => x.pattern === p.pattern) as (typeof b.patterns)[number];
      return {
        pattern: p.pattern,
        metrics: [
          delta('latency p95', 'ms', 'lower', p.latency.p95, q.latency.p95),
          delta('TTFT p50', 'ms', 'lower', p.ttft.p50, q.ttft.p50),
          delta('error rate', 'rate', 'lower', p.errorRate, q.errorRate),
          delta('cost per 1K requests', 'usd', 'lower', p.costPer1k, q.costPer1k),
        ],
      };
    });
  return {
    baseline: { runId: a.runId, scenario: a.scenario },
    candidate: { runId: b.runId, scenario: b.scenario },
    metrics: overall,
    patterns,
    settingsDiffer: settingsDifferences(a.settings, b.settings),
  };
}

function show(v: number | null, unit: MetricDelta['unit']): string {
  return unit === 'ms'
    ? fmt.ms(v)
    : unit === 'usd'
      ? fmt.usd(v)
      : unit === 'rate'
        ? fmt.pct(v)
        : unit === 'rpm'
          ? fmt.rpm(v)
          : fmt.int(v);
}

/** The comparison as Markdown. */
export function comparisonMarkdown(c: Comparison): string {
  const row = (m: MetricDelta) => [
    m.metric,
    show(m.baseline, m.unit),
    show(m.candidate, m.unit),
    m.delta === null ? '—' : `${m.delta > 0 ? '+' : ''}${show(m.delta, m.unit)}`,
    m.deltaPct === null ? '—' : `${m.deltaPct > 0 ? '+' : ''}${(m.deltaPct * 100).toFixed(1)} %`,
    m.improved === null ? '' : m.improved ? 'better' : 'worse',
  ];
  const head = ['metric', `baseline ${c.baseline.runId}`, `candidate ${c.candidate.runId}`, 'Δ', 'Δ %', ''];
  const parts = [
    `# ${c.candidate.scenario} (${c.candidate.runId}) vs ${c.baseline.scenario} (${c.baseline.runId})`,
  ];
  if (c.settingsDiffer.length) {
    parts.push(
      '**Warning: the runs ran on different settings** (their numbers may not be comparable):',
      mdTable(
        ['setting', 'baseline', 'candidate'],
        c.settingsDiffer.map((d) => [d.setting, `\`${d.baseline}\``, `\`${d.candidate}\``]),
      ),
    );
  }
  parts.push(mdTable(head, c.metrics.map(row)));
  for (const p of c.patterns) parts.push(`## ${p.pattern}`, mdTable(head, p.metrics.map(row)));
  return `${parts.join('\n\n')}\n`;
}
