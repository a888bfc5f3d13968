import type { Distribution } from '../../driver/stats';
import { ERROR_LIMIT_MS, type InstrumentError, LATENESS_LIMIT_MS } from '../instrument/instrument-error';
import { LOOP_DELAY_RESOLUTION_MS } from '../instrument/loop-delay';
import { fmt, mdTable } from './format';

/** A one-line verdict: reliable, or unreliable with every reason (the CLI summary and reports). */
export function reliabilityLine(i: InstrumentError | null): string {
  if (!i) return 'Instrument error: not measured (the store could not be read at the end of the run).';
  return i.unreliable
    ? `**UNRELIABLE run**: ${i.reasons.join('; ')}.`
    : `Reliable run: schedule lateness p99 ≤ ${LATENESS_LIMIT_MS} ms, TTFT error p99 ≤ ${ERROR_LIMIT_MS} ms.`;
}

const row = (name: string, d: Distribution) => [
  name,
  fmt.int(d.count),
  fmt.ms(d.p50),
  fmt.ms(d.p95),
  fmt.ms(d.p99),
  fmt.ms(d.max),
];

/**
 * The "Instrument error" section as Markdown blocks (the HTML report renders the same blocks):
 * how far the harness's own figures are from the mock's ground truth, and how late each loop ran.
 */
export function instrumentMarkdown(i: InstrumentError | null): string[] {
  const out = ['## Instrument error', reliabilityLine(i)];
  if (!i) return out;
  if (i.notCompared) out.push(`No request compared: ${i.notCompared}.`);
  else
    out.push(
      `Per request, what the harness measured minus the mock's ground truth for the same trace: ${fmt.int(i.compared)} requests of the measured window that succeeded with exactly one provider call, answered 200 by the mock with no fault.`,
    );
  out.push(
    mdTable(
      ['quantity', 'requests', 'p50', 'p95', 'p99', 'max'],
      [
        row('TTFT error (client TTFT − mock first byte; non-streamed: the e2e error)', i.ttftError),
        row('e2e error (driver latency − lateness − mock span; not judged)', i.e2eError),
        row("mock's own lateness (first byte − designed delay)", i.mockLateness),
      ],
    ),
  );
  out.push(
    mdTable(
      ['event loop', 'samples', 'delay p50', 'p99', 'max', 'CPU (cores)', 'machine load (1 min)'],
      i.loops.map((l) => [
        l.name,
        fmt.int(l.samples),
        fmt.ms(l.p50),
        fmt.ms(l.p99),
        fmt.ms(l.max),
        // older runs have no CPU figures
        l.cpuCores === undefined ? '—' : l.cpuCores.toFixed(2),
        l.machineLoad === undefined ? '—' : l.machineLoad.toFixed(1),
      ]),
    ),
  );
  out.push(
    `Event-loop delay: how much later than due a ${LOOP_DELAY_RESOLUTION_MS} ms probe timer fired on that loop during the measured window (perf_hooks.monitorEventLoopDelay); any timestamp taken there can be that late. CPU is what the process used over the window: a high delay at low CPU and a high machine load means other work on the machine starved the harness.`,
  );
  return out;
}
