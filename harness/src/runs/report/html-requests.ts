/** The report's per-pattern lists of the slowest and the failed requests, linked to their traces. */
import type { NotableRequest, PatternDetail } from './request-detail';

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The dashboard's trace view for one trace id. */
export function traceUrl(dashboardUrl: string, traceId: string): string {
  return `${dashboardUrl.replace(/\/+$/, '')}/#/traces?trace=${encodeURIComponent(traceId)}`;
}

const ms = (v: number | null) =>
  v === null ? '—' : `${v.toLocaleString('en', { maximumFractionDigits: v < 100 ? 1 : 0 })} ms`;

function rows(list: NotableRequest[], dashboardUrl: string): string {
  return list
    .map(
      (r) =>
        `<tr><td><a href="${esc(traceUrl(dashboardUrl, r.traceId))}"><code>${esc(r.traceId)}</code></a></td><td>${r.t} s</td><td>${esc(r.outcome)}</td><td>${esc(r.errorClass || '—')}</td><td>${ms(r.latencyMs)}</td><td>${ms(r.ttftMs)}</td></tr>`,
    )
    .join('');
}

const HEAD =
  '<thead><tr><th>trace</th><th>at</th><th>outcome</th><th>error class</th><th>latency</th><th>TTFT</th></tr></thead>';

/**
 * Per pattern: its slowest requests and its failed ones (measured window), each trace id a link to
 * the dashboard's trace view (works while the harness that holds the store runs).
 */
export function notableRequestsHtml(detail: PatternDetail[], dashboardUrl: string): string {
  if (!detail.length) return '';
  const parts = detail.map((d) => {
    const failed = d.failed.length
      ? `<h4>Failed (${d.failed.length} of ${d.failedTotal}, earliest first)</h4><table class="requests" data-kind="failed">${HEAD}<tbody>${rows(d.failed, dashboardUrl)}</tbody></table>`
      : '<p class="muted">No failed requests in the measured window.</p>';
    const slowest = d.slowest.length
      ? `<h4>Slowest ${d.slowest.length}</h4><table class="requests" data-kind="slowest">${HEAD}<tbody>${rows(d.slowest, dashboardUrl)}</tbody></table>`
      : '';
    return `<section class="pattern-requests" data-pattern="${esc(d.pattern)}"><h3>${esc(d.pattern)}</h3>${slowest}${failed}</section>`;
  });
  return `<h2>Slowest and failed requests per pattern</h2><p class="muted">Measured window (warm-up excluded). Each trace id opens the trace in the dashboard at ${esc(dashboardUrl)}.</p>${parts.join('\n')}`;
}
