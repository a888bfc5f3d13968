import { thresholdVerdict } from '../../scenarios/thresholds';
import { appMarkdown } from './app-markdown';
import { confusionMarkdown } from './confusion';
import { fmt, mdTable } from './format';
import { instrumentMarkdown } from './instrument-section';
import { k6Markdown } from './k6-section';
import type { RunReport } from './report-data';
import { settingsMarkdown } from './run-settings';

/** The run report as Markdown (what `harness report <run>` prints by default). */
export function reportMarkdown(r: RunReport): string {
  const a = r.accounting;
  const out: string[] = [];
  out.push(`# Run ${r.runId} — ${r.scenario}`);
  out.push(
    `${r.status} · engine ${r.engine} · seed ${r.seed} · git ${r.gitVersion} · started ${r.startedAt}` +
      (r.endedAt ? ` · ended ${r.endedAt}` : '') +
      ` · ${r.measuredSeconds.toFixed(0)} s measured`,
  );
  if (r.failure) out.push(`**FAILED: ${r.failure}**`);
  if (r.verdict) out.push(`**Thresholds: ${r.verdict}**`);
  out.push(settingsMarkdown(r.settings));
  out.push('## Throughput and accounting');
  out.push(
    mdTable(
      [
        'requested',
        'achieved',
        'scheduled',
        'ok',
        'errors',
        'dropped',
        'in flight at stop',
        'not started',
        'identity',
      ],
      [
        [
          fmt.rpm(r.requestedRpm),
          fmt.rpm(r.achievedRpm),
          fmt.int(a.scheduled),
          fmt.int(a.ok),
          fmt.int(a.errors),
          fmt.int(a.dropped),
          fmt.int(a.inFlightAtStop),
          fmt.int(a.notStarted),
          a.identityHolds ? 'holds' : 'BROKEN',
        ],
      ],
    ),
  );
  out.push(
    `Store: ${fmt.int(r.store.spans)} driver spans (${fmt.int(r.store.ok)} ok, ${fmt.int(r.store.errors)} errors, ${fmt.int(r.store.dropped)} dropped) for ${fmt.int(r.totals.scheduled)} scheduled requests (warm-up included): ${r.store.reconciled ? 'reconciled' : 'NOT reconciled'}.`,
  );
  out.push(
    `Schedule lateness p50 ${fmt.ms(r.lateness.p50)}, p99 ${fmt.ms(r.lateness.p99)}, max ${fmt.ms(r.lateness.max)}${r.lateness.unreliable ? ' — **unreliable run** (lateness p99 > 5 ms)' : ''}.`,
  );
  out.push(...instrumentMarkdown(r.instrument));
  out.push('## Latency (from scheduled start)');
  out.push(
    mdTable(
      ['metric', 'p50', 'p90', 'p95', 'p99', 'max'],
      [
        [
          'e2e latency',
          fmt.ms(r.latency.p50),
          fmt.ms(r.latency.p90),
          fmt.ms(r.latency.p95),
          fmt.ms(r.latency.p99),
          fmt.ms(r.latency.max),
        ],
        [
          'TTFT',
          fmt.ms(r.ttft.p50),
          fmt.ms(r.ttft.p90),
          fmt.ms(r.ttft.p95),
          fmt.ms(r.ttft.p99),
          fmt.ms(r.ttft.max),
        ],
      ],
    ),
  );
  out.push(...k6Markdown(r.k6, { totals: r.totals, latency: r.latency }));
  out.push('## Per pattern');
  out.push(
    mdTable(
      [
        'pattern',
        'requests',
        'errors',
        'dropped',
        'p50',
        'p95',
        'p99',
        'TTFT p50',
        'cost',
        'cost / 1K req',
        'retries',
        'retry waste',
      ],
      r.patterns.map((p) => [
        p.pattern,
        fmt.int(p.requests),
        fmt.pct(p.errorRate),
        fmt.int(p.dropped),
        fmt.ms(p.latency.p50),
        fmt.ms(p.latency.p95),
        fmt.ms(p.latency.p99),
        fmt.ms(p.ttft.p50),
        fmt.usd(p.costUsd),
        fmt.usd(p.costPer1k),
        fmt.int(p.retries),
        fmt.usd(p.wastedUsd),
      ]),
    ),
  );
  out.push('## Cost');
  out.push(
    mdTable(
      ['total', 'per 1K requests', 'per day at this rate', 'expected per day', 'wasted on failed attempts'],
      [
        [
          fmt.usd(r.cost.totalUsd),
          fmt.usd(r.cost.per1kRequests),
          fmt.usd(r.cost.perDayAtRunRate),
          fmt.usd(r.cost.expectedPerDay),
          fmt.usd(r.cost.wastedUsd),
        ],
      ],
    ),
  );
  out.push(`Prices as of ${r.cost.priceTableDate}.`);
  const classes = Object.keys(r.errorsByClass).sort();
  if (classes.length) {
    out.push('## Errors by class');
    out.push(
      mdTable(
        ['class', 'failed requests'],
        classes.map((c) => [c, fmt.int(r.errorsByClass[c] ?? 0)]),
      ),
    );
  }
  out.push(...confusionMarkdown(r.confusion));
  if (r.app) out.push(...appMarkdown(r.app));
  if (r.thresholds.length) {
    out.push('## Thresholds');
    out.push(
      mdTable(
        ['metric', 'expression', 'observed', 'result'],
        r.thresholds.map((t) => [
          t.metric,
          `\`${t.expression}\``,
          t.observed === null ? '—' : t.observed.toFixed(3),
          thresholdVerdict(t) === 'pass' ? 'pass' : `**${thresholdVerdict(t)}**`,
        ]),
      ),
    );
  }
  return `${out.join('\n\n')}\n`;
}
