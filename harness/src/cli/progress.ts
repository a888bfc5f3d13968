import type { LiveTick } from '../contracts/live';
import { fmt } from '../runs/report/format';

/** One progress line per live tick: target vs achieved rate, p50/p95, errors, cost so far. */
export function progressLine(t: LiveTick): string {
  const errors = Object.entries(t.errorsByClass)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const errs = t.totals.errors;
  return [
    `[${String(t.t).padStart(4)}s${t.warmup ? ' warm-up' : ''}]`,
    `target ${fmt.rpm(t.targetRpm)} achieved ${fmt.rpm(t.achievedRpm)}`,
    `p50 ${fmt.ms(t.latencyMs.p50)} p95 ${fmt.ms(t.latencyMs.p95)}`,
    `errors ${errs}${errors ? ` (this s: ${errors})` : ''}`,
    `dropped ${t.totals.dropped}`,
    `cost ${fmt.usd(t.totals.costUsd)}`,
    `in flight ${t.inFlight}`,
  ].join(' | ');
}

/** Print ticks: rewrite one line on a terminal, a line every 5 s otherwise (CI logs stay short). */
export function createProgressPrinter(out: NodeJS.WriteStream = process.stdout) {
  let last = 0;
  return {
    tick(t: LiveTick) {
      const line = progressLine(t);
      if (out.isTTY) out.write(`\r\x1b[2K${line}`);
      else if (t.t - last >= 5 || t.t < last) {
        out.write(`${line}\n`);
        last = t.t;
      }
    },
    end() {
      if (out.isTTY) out.write('\n');
    },
  };
}
