import type { CompareMetric, CompareRun, Comparison, SettingDifferenceOf } from '../../contracts/compare';
import { compareSamples } from '../../metrics/compare-samples';
import type { RequestSample } from '../../metrics/request-sample';
import { storedSamples } from '../../metrics/store-samples';
import type { Store } from '../../store/client';
import type { RunRecord } from '../registry';
import { fmt, mdTable } from './format';
import { settingsDifferences } from './run-settings';

/** One run to compare: its registry record and its measured window's samples. */
export interface CompareSide {
  run: RunRecord;
  samples: RequestSample[];
}

/** Read a finished run's samples (warm-up excluded) from the store. */
export async function compareSide(store: Store, run: RunRecord): Promise<CompareSide> {
  return { run, samples: await storedSamples(store, run.runId) };
}

/** The settings of a candidate that differ from the baseline's (effective settings the registry stored). */
function differences(baseline: RunRecord, candidate: RunRecord): SettingDifferenceOf[] {
  return settingsDifferences(baseline.settings, candidate.settings).map((d) => ({
    candidateRun: candidate.runId,
    ...d,
  }));
}

/** Why a candidate's numbers may not be comparable with the baseline's (empty when they are). */
export function comparabilityWarnings(baseline: RunRecord, candidate: RunRecord): string[] {
  const out: string[] = [];
  const pair = `${candidate.runId} vs ${baseline.runId}`;
  if (baseline.scenario !== candidate.scenario)
    out.push(`${pair}: different scenarios (${candidate.scenario} vs ${baseline.scenario})`);
  if (baseline.engine !== candidate.engine)
    out.push(`${pair}: different engines (${candidate.engine} vs ${baseline.engine})`);
  const diff = differences(baseline, candidate);
  for (const side of ['mock', 'client'] as const) {
    const names = diff.filter((d) => d.setting === side || d.setting.startsWith(`${side}.`));
    if (names.length)
      out.push(`${pair}: different ${side} settings (${names.map((d) => d.setting).join(', ')})`);
  }
  return out;
}

const ref = (s: CompareSide): CompareRun => ({
  runId: s.run.runId,
  scenario: s.run.scenario,
  engine: s.run.engine,
  samples: s.samples.length,
});

/** A baseline against N candidates: every metric with its interval and verdict, and the warnings. */
export function compareRuns(baseline: CompareSide, candidates: readonly CompareSide[]): Comparison {
  return {
    baseline: ref(baseline),
    candidates: candidates.map(ref),
    metrics: candidates.flatMap((c) => compareSamples(baseline.samples, c.samples, c.run.runId)),
    warnings: candidates.flatMap((c) => comparabilityWarnings(baseline.run, c.run)),
    settingsDiffer: candidates.flatMap((c) => differences(baseline.run, c.run)),
  };
}

function show(v: number | null, unit: CompareMetric['unit']): string {
  return unit === 'ms' ? fmt.ms(v) : unit === 'usd' ? fmt.usd(v) : fmt.pct(v);
}

const signed = (v: number, unit: CompareMetric['unit']) =>
  `${v > 0 ? '+' : v < 0 ? '−' : '±'}${show(Math.abs(v), unit)}`;

/** The comparison as Markdown: one table per candidate and scope, warnings first. */
export function comparisonMarkdown(c: Comparison): string {
  const parts = [
    `# Compare: baseline ${c.baseline.runId} (${c.baseline.scenario}, ${c.baseline.samples} requests)`,
  ];
  for (const w of c.warnings) parts.push(`> **Warning:** ${w}`);
  if (c.settingsDiffer.length)
    parts.push(
      '**Warning: the runs ran on different settings** (their numbers may not be comparable):',
      mdTable(
        ['candidate', 'setting', 'baseline', 'candidate value'],
        c.settingsDiffer.map((d) => [d.candidateRun, d.setting, `\`${d.baseline}\``, `\`${d.candidate}\``]),
      ),
    );
  const head = ['metric', 'baseline', 'candidate', 'Δ', '95 % CI of Δ', 'n (base / cand)', 'verdict'];
  const row = (m: CompareMetric) => [
    m.name,
    show(m.baseline, m.unit),
    show(m.candidate, m.unit),
    m.delta === null ? '—' : signed(m.delta, m.unit),
    m.ci === null ? '—' : `[${signed(m.ci[0], m.unit)}, ${signed(m.ci[1], m.unit)}]`,
    `${m.samples.baseline} / ${m.samples.candidate}`,
    m.verdict,
  ];
  for (const cand of c.candidates) {
    const mine = c.metrics.filter((m) => m.candidateRun === cand.runId);
    parts.push(`## Candidate ${cand.runId} (${cand.scenario}, ${cand.samples} requests)`);
    parts.push(mdTable(head, mine.filter((m) => m.pattern === undefined).map(row)));
    const patterns = [...new Set(mine.flatMap((m) => (m.pattern === undefined ? [] : [m.pattern])))];
    for (const p of patterns)
      parts.push(`### ${p}`, mdTable(head, mine.filter((m) => m.pattern === p).map(row)));
  }
  return `${parts.join('\n\n')}\n`;
}
