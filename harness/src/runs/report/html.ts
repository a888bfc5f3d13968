import { reportCharts } from './html-charts';
import { notableRequestsHtml } from './html-requests';
import { reportMarkdown } from './markdown';
import type { RunReport } from './report-data';

const STYLE = `
:root{color-scheme:light dark;--fg:#111827;--bg:#fff;--muted:#6b7280;--grid:#e5e7eb}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--bg:#111827;--muted:#9ca3af;--grid:#374151}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid var(--grid);padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:1rem 0}figcaption{font-weight:600}
figure>svg{width:100%;max-width:640px;height:auto}svg text{font-size:11px;fill:var(--muted)}.grid{stroke:var(--grid)}
.legend{color:var(--muted);margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}.key{display:inline-flex;align-items:center;gap:.35rem;white-space:nowrap}.key svg{width:12px;height:12px;flex:none}
.axis{stroke:var(--muted)}.band-label{font-size:10px}.muted{color:var(--muted)}a{color:#2563eb}h4{margin:.6rem 0 .2rem}
table.requests code{font-size:12px}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1rem}`;

/** Markdown tables to HTML (enough for the report's own output: headings, paragraphs, tables). */
function mdToHtml(md: string): string {
  const esc = (s: string) =>
    s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
  const inline = (s: string) =>
    esc(s)
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/`(.+?)`/g, '<code>$1</code>');
  return md
    .split(/\n\n+/)
    .map((block) => {
      if (block.startsWith('# ')) return `<h1>${inline(block.slice(2))}</h1>`;
      if (block.startsWith('## ')) return `<h2>${inline(block.slice(3))}</h2>`;
      if (block.startsWith('|')) {
        // Drop the |---| separator and any blank line (the report ends in a newline).
        const rows = block.split('\n').filter((l, i) => i !== 1 && l.trim() !== '');
        const cells = (l: string) =>
          l
            .slice(1, -1)
            .split(' | ')
            .map((c) => c.trim());
        const [head, ...body] = rows;
        return `<table><thead><tr>${cells(head ?? '')
          .map((c) => `<th>${inline(c)}</th>`)
          .join('')}</tr></thead><tbody>${body
          .map(
            (r) =>
              `<tr>${cells(r)
                .map((c) => `<td>${inline(c)}</td>`)
                .join('')}</tr>`,
          )
          .join('')}</tbody></table>`;
      }
      return `<p>${inline(block)}</p>`;
    })
    .join('\n');
}

/** Where the report's trace links point when the caller names no dashboard. */
export const DEFAULT_DASHBOARD_URL = 'http://127.0.0.1:3000';

/**
 * The run report as one self-contained HTML page: the Markdown report, inline SVG charts and the
 * slowest/failed requests per pattern linked to `dashboardUrl`'s trace view.
 */
export function reportHtml(r: RunReport, opts: { dashboardUrl?: string } = {}): string {
  const charts = reportCharts(r).join('\n');
  const title = `Run ${r.runId} — ${r.scenario}`.replace(/[<>&]/g, '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>
${mdToHtml(reportMarkdown(r))}
<h2>Charts</h2><div class="charts">${charts}</div>
${notableRequestsHtml(r.detail, opts.dashboardUrl ?? DEFAULT_DASHBOARD_URL)}
<script type="application/json" id="report-data">${JSON.stringify(r).replace(/</g, '\\u003c')}</script>
</body></html>\n`;
}
