import { reportMarkdown } from './markdown';
import type { RunReport } from './report-data';
import { barChart, lineChart } from './svg-charts';

const STYLE = `
:root{color-scheme:light dark;--fg:#111827;--bg:#fff;--muted:#6b7280;--grid:#e5e7eb}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--bg:#111827;--muted:#9ca3af;--grid:#374151}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:1100px;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid var(--grid);padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:1rem 0}figcaption{font-weight:600}
svg{width:100%;max-width:640px;height:auto}svg text{font-size:11px;fill:var(--muted)}.grid{stroke:var(--grid)}
.legend{color:var(--muted);margin:.2rem 0}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:1rem}`;

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
        const rows = block.split('\n').filter((_l, i) => i !== 1);
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

/** The run report as one self-contained HTML page: the Markdown report plus inline SVG charts. */
export function reportHtml(r: RunReport): string {
  const ts = r.timeSeries;
  const t = (i: number) => ts[i]?.second ?? i;
  const classes = [...new Set(ts.flatMap((s) => Object.keys(s.errors)))].sort();
  const charts = [
    lineChart('Throughput: target vs achieved', 'seconds', 'requests / min', [
      { name: 'target', points: ts.map((s, i) => [t(i), s.requested * 60]) },
      { name: 'achieved', points: ts.map((s, i) => [t(i), s.achieved * 60]) },
    ]),
    lineChart('Latency percentiles and TTFT over time', 'seconds', 'ms', [
      { name: 'p50', points: ts.map((s, i) => [t(i), s.latency.p50]) },
      { name: 'p95', points: ts.map((s, i) => [t(i), s.latency.p95]) },
      { name: 'p99', points: ts.map((s, i) => [t(i), s.latency.p99]) },
      { name: 'TTFT p50', points: ts.map((s, i) => [t(i), s.ttft.p50]) },
    ]),
    classes.length
      ? lineChart(
          'Errors by class per second',
          'seconds',
          'errors / s',
          classes.map((c) => ({
            name: c,
            points: ts.map((s, i) => [t(i), s.errors[c] ?? 0] as [number, number]),
          })),
        )
      : '',
    barChart(
      'Cost per pattern',
      'USD',
      r.patterns.map((p) => p.pattern),
      [
        { name: 'cost', values: r.patterns.map((p) => p.costUsd) },
        { name: 'retry waste', values: r.patterns.map((p) => p.wastedUsd) },
      ],
    ),
    barChart(
      'Cost per 1K requests',
      'USD / 1K requests',
      r.patterns.map((p) => p.pattern),
      [{ name: 'cost / 1K', values: r.patterns.map((p) => p.costPer1k ?? 0) }],
    ),
    barChart(
      'Retries per pattern',
      'retries',
      r.patterns.map((p) => p.pattern),
      [{ name: 'retries', values: r.patterns.map((p) => p.retries) }],
    ),
  ].join('\n');
  const title = `Run ${r.runId} — ${r.scenario}`.replace(/[<>&]/g, '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body>
${mdToHtml(reportMarkdown(r))}
<h2>Charts</h2><div class="charts">${charts}</div>
<script type="application/json" id="report-data">${JSON.stringify(r).replace(/</g, '\\u003c')}</script>
</body></html>\n`;
}
