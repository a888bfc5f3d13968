/** Tiny dependency-free SVG charts for the self-contained HTML report. */

export interface Series {
  name: string;
  points: [number, number | null][];
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const W = 640;
const H = 220;
const PAD = { l: 56, r: 12, t: 12, b: 34 };

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** Axis labels that stay short: 0.000375 → 3.8e-4, 12500 → 12.5k. */
function tickLabel(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) < 0.01) return v.toExponential(1);
  return new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 }).format(v);
}

function frame(
  title: string,
  xLabel: string,
  yLabel: string,
  yMax: number,
  xMax: number,
  body: string,
  legend: string[],
): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = PAD.t + (1 - f) * (H - PAD.t - PAD.b);
      return `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y}" y2="${y}" class="grid"/><text x="${PAD.l - 6}" y="${y + 4}" text-anchor="end">${tickLabel(yMax * f)}</text>`;
    })
    .join('');
  const keys = legend
    .map((n, i) => `<tspan fill="${COLORS[i % COLORS.length]}">■</tspan> ${esc(n)}`)
    .join('  ');
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${ticks}${body}
${xLabel ? `<text x="${W / 2}" y="${H - 4}" text-anchor="middle">${esc(xLabel)} (0–${+xMax.toPrecision(3)})</text>` : ''}
<text transform="translate(12 ${H / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text></svg><p class="legend">${keys}</p></figure>`;
}

/** Lines over a shared numeric x axis (e.g. seconds); null values break a line. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: Series[]): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1] ?? 0));
  const xMax = Math.max(1, ...xs);
  const yMax = niceMax(Math.max(0, ...ys));
  const sx = (x: number) => PAD.l + (x / xMax) * (W - PAD.l - PAD.r);
  const sy = (y: number) => PAD.t + (1 - y / yMax) * (H - PAD.t - PAD.b);
  const paths = series
    .map((s, i) => {
      let d = '';
      let pen = false;
      for (const [x, y] of s.points) {
        if (y === null) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`;
        pen = true;
      }
      return `<path d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.6"/>`;
    })
    .join('');
  return frame(
    title,
    xLabel,
    yLabel,
    yMax,
    xMax,
    paths,
    series.map((s) => s.name),
  );
}

/** Vertical bars, one group per category, one bar per series (stacked when `stacked`). */
export function barChart(
  title: string,
  yLabel: string,
  categories: string[],
  series: { name: string; values: number[] }[],
  stacked = false,
): string {
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((a, s) => a + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const yMax = niceMax(Math.max(0, ...totals));
  const band = (W - PAD.l - PAD.r) / Math.max(1, categories.length);
  const barW = stacked ? band * 0.6 : (band * 0.8) / Math.max(1, series.length);
  const sy = (y: number) => ((H - PAD.t - PAD.b) * y) / yMax;
  let bars = '';
  categories.forEach((c, i) => {
    let base = H - PAD.b;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const h = sy(v);
      const x = PAD.l + i * band + (stacked ? band * 0.2 : band * 0.1 + j * barW);
      const y = stacked ? base - h : H - PAD.b - h;
      if (stacked) base -= h;
      bars += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[j % COLORS.length]}"><title>${esc(`${c} · ${s.name}: ${v}`)}</title></rect>`;
    });
    bars += `<text x="${(PAD.l + i * band + band / 2).toFixed(1)}" y="${H - PAD.b + 14}" text-anchor="middle">${esc(c)}</text>`;
  });
  return frame(
    title,
    '',
    yLabel,
    yMax,
    categories.length,
    bars,
    series.map((s) => s.name),
  );
}
