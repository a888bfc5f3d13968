/** Small dependency-free SVG charts for the self-contained HTML report. */
import { linearScale, logScale, type Scale, tickLabel } from './svg-scale';

/** One line: `[x, y]` points, a null y breaks the line. */
export interface Series {
  name: string;
  points: [number, number | null][];
  /** Fixed colour (e.g. one per pattern across every chart); the palette's next one otherwise. */
  color?: string;
}

/** A shaded, named stretch of the x axis (warm-up, a fault window). */
export interface Band {
  name: string;
  kind: 'warmup' | 'fault';
  from: number;
  until: number;
}

/** Axis and shading options of a line chart. */
export interface LineOptions {
  xLog?: boolean;
  yLog?: boolean;
  /** Format of the y tick labels (default: compact numbers). */
  yTick?: (v: number) => string;
  bands?: Band[];
}

/** The series palette; a colour is never reused within one chart of ≤ 8 series. */
export const COLORS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#4b5563',
];
const BAND_FILL = { warmup: '#9ca3af', fault: '#f97316' } as const;
const W = 640;
const H = 240;
const PAD = { l: 62, r: 14, t: 22, b: 42 };

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** A legend entry: a real coloured swatch (inline SVG, so it needs no stylesheet) and the name. */
function key(name: string, color: string, opacity = 1): string {
  return `<span class="key"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" rx="2" fill="${color}" fill-opacity="${opacity}"/></svg>${esc(name)}</span>`;
}

function figure(title: string, svg: string, keys: string[]): string {
  return `<figure><figcaption>${esc(title)}</figcaption><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${svg}</svg><p class="legend">${keys.join('')}</p></figure>`;
}

function yAxis(y: Scale, label: string, fmt: (v: number) => string): string {
  const ticks = y.ticks
    .map((v) => {
      const py = y.at(v).toFixed(1);
      return `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${py}" y2="${py}" class="grid"/><text x="${PAD.l - 6}" y="${+py + 4}" text-anchor="end">${esc(fmt(v))}</text>`;
    })
    .join('');
  return `${ticks}<text transform="translate(13 ${(PAD.t + H - PAD.b) / 2}) rotate(-90)" text-anchor="middle">${esc(label)}</text>`;
}

function xAxis(x: Scale, label: string): string {
  const base = H - PAD.b;
  const ticks = x.ticks
    .map((v) => {
      const px = x.at(v).toFixed(1);
      return `<line x1="${px}" x2="${px}" y1="${base}" y2="${base + 4}" class="axis"/><text x="${px}" y="${base + 16}" text-anchor="middle">${tickLabel(v)}</text>`;
    })
    .join('');
  return `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${base}" y2="${base}" class="axis"/>${ticks}<text x="${(PAD.l + W - PAD.r) / 2}" y="${H - 6}" text-anchor="middle">${esc(label)}</text>`;
}

function bandsSvg(x: Scale, bands: Band[]): string {
  return bands
    .map((b) => {
      const x0 = Math.max(PAD.l, x.at(Math.max(b.from, x.min)));
      const x1 = Math.min(W - PAD.r, x.at(Math.min(b.until, x.max)));
      if (x1 - x0 < 0.5) return '';
      return `<rect x="${x0.toFixed(1)}" y="${PAD.t}" width="${(x1 - x0).toFixed(1)}" height="${H - PAD.t - PAD.b}" fill="${BAND_FILL[b.kind]}" fill-opacity="0.18" class="band band-${b.kind}"><title>${esc(`${b.name}: ${b.from}–${b.until} s`)}</title></rect><text x="${(x0 + 3).toFixed(1)}" y="${PAD.t - 6}" class="band-label">${esc(b.name)}</text>`;
    })
    .join('');
}

/** Lines over a shared numeric x axis (seconds, or ms for distributions); null values break a line. */
export function lineChart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  opts: LineOptions = {},
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.flatMap((p) => (p[1] === null ? [] : [p[1]])));
  const x = opts.xLog ? logScale(xs, PAD.l, W - PAD.r) : linearScale(Math.max(1, ...xs), PAD.l, W - PAD.r, 6);
  const y = opts.yLog ? logScale(ys, H - PAD.b, PAD.t) : linearScale(Math.max(0, ...ys), H - PAD.b, PAD.t);
  const colors = series.map((s, i) => s.color ?? COLORS[i % COLORS.length] ?? '#4b5563');
  const paths = series
    .map((s, i) => {
      let d = '';
      let pen = false;
      for (const [px, py] of s.points) {
        if (py === null) {
          pen = false;
          continue;
        }
        d += `${pen ? 'L' : 'M'}${x.at(px).toFixed(1)} ${y.at(py).toFixed(1)}`;
        pen = true;
      }
      // A single point would be an invisible path: draw it as a dot.
      const dot = s.points.filter((p) => p[1] !== null).length === 1 ? ' stroke-linecap="round"' : '';
      return `<path d="${d}" fill="none" stroke="${colors[i]}" stroke-width="1.8"${dot}><title>${esc(s.name)}</title></path>`;
    })
    .join('');
  const bands = opts.bands ?? [];
  const svg = `${bandsSvg(x, bands)}${yAxis(y, yLabel, opts.yTick ?? tickLabel)}${xAxis(x, xLabel)}${paths}`;
  const keys = [
    ...series.map((s, i) => key(s.name, colors[i] ?? '#4b5563')),
    ...bands.map((b) => key(b.name, BAND_FILL[b.kind], 0.35)),
  ];
  return figure(title, svg, keys);
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
  const y = linearScale(Math.max(0, ...totals), H - PAD.b, PAD.t);
  const band = (W - PAD.l - PAD.r) / Math.max(1, categories.length);
  const barW = stacked ? band * 0.6 : (band * 0.8) / Math.max(1, series.length);
  const height = (v: number) => y.at(0) - y.at(v);
  let bars = '';
  categories.forEach((c, i) => {
    let base = H - PAD.b;
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const h = height(v);
      const x = PAD.l + i * band + (stacked ? band * 0.2 : band * 0.1 + j * barW);
      const top = stacked ? base - h : H - PAD.b - h;
      if (stacked) base -= h;
      bars += `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[j % COLORS.length]}"><title>${esc(`${c} · ${s.name}: ${v}`)}</title></rect>`;
    });
    bars += `<text x="${(PAD.l + i * band + band / 2).toFixed(1)}" y="${H - PAD.b + 16}" text-anchor="middle">${esc(c)}</text>`;
  });
  const axis = `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${H - PAD.b}" y2="${H - PAD.b}" class="axis"/>`;
  return figure(
    title,
    `${yAxis(y, yLabel, tickLabel)}${axis}${bars}`,
    series.map((s, j) => key(s.name, COLORS[j % COLORS.length] ?? '#4b5563')),
  );
}
