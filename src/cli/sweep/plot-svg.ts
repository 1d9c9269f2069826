// The sweep plot as an SVG document, written by hand: one panel per metric, the first varied
// parameter on x, one line per value of the others, the mean with its confidence band.
import type { PlanHeader } from './plan.ts';
import { axisPosition, type VaryValue } from './spec.ts';
import { linearScale, logScale, tickLabel, type Scale } from './plot-scale.ts';
import type { PointSummary } from './summarize.ts';

const WIDTH = 760;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 78, right: 210, top: 46, bottom: 56 };
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const FONT = 'font-family="sans-serif" font-size="12"';

interface Line {
  label: string;
  points: { x: number; mean: number; low: number | null; high: number | null }[];
}

export function sweepSvg(header: PlanHeader, points: readonly PointSummary[]): string {
  const height = PANEL_HEIGHT * header.metrics.length;
  const panels = header.metrics.map((metric, m) => panel(header, points, m, m * PANEL_HEIGHT));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...panels,
    '</svg>',
  ].join('\n') + '\n';
}

function panel(header: PlanHeader, points: readonly PointSummary[], metric: number, top: number): string {
  const first = header.vary[0];
  const numeric = first.axis.kind === 'numeric';
  const xOf = (value: VaryValue) => (numeric ? axisPosition(value, first.axis) : first.values.indexOf(value));
  const lines = linesOf(header, points, metric, xOf);
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const y0 = top + PANEL_HEIGHT - MARGIN.bottom;
  const y1 = top + MARGIN.top;
  const xs = first.values.map(xOf);
  const x = xScale(first.axis, xs, left, right);
  const ys = lines.flatMap((l) => l.points.flatMap((p) => [p.mean, p.low ?? p.mean, p.high ?? p.mean]));
  const y = linearScale(Math.min(0, ...ys), Math.max(0, ...ys), y0, y1);
  const out: string[] = [`<g ${FONT}>`];
  out.push(`<text x="${left}" y="${top + 24}" font-size="14" font-weight="bold">${esc(header.metrics[metric])} — ${esc(header.scenario)}</text>`);
  // Grid and y axis.
  for (const t of y.ticks) {
    out.push(`<line x1="${left}" x2="${right}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#e4e4e4"/>`);
    out.push(`<text x="${left - 6}" y="${px(y(t) + 4)}" text-anchor="end">${tickLabel(t)}</text>`);
  }
  // x axis.
  out.push(`<line x1="${left}" x2="${right}" y1="${y0}" y2="${y0}" stroke="#444"/>`);
  const xTicks = numeric ? x.ticks.map((t) => [t, tickLabel(t)] as const) : first.values.map((v, i) => [i, String(v)] as const);
  for (const [t, label] of xTicks) {
    out.push(`<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${y0}" y2="${y0 + 5}" stroke="#444"/>`);
    out.push(`<text x="${px(x(t))}" y="${y0 + 18}" text-anchor="middle">${esc(label)}</text>`);
  }
  const unit = first.axis.kind === 'numeric' && first.axis.unit !== '' ? ` (${first.axis.unit}${first.axis.log ? ', log scale' : ''})` : first.axis.kind === 'numeric' && first.axis.log ? ' (log scale)' : '';
  out.push(`<text x="${px((left + right) / 2)}" y="${y0 + 40}" text-anchor="middle">${esc(first.path + unit)}</text>`);
  // Bands first, so every line is drawn over every band.
  lines.forEach((line, i) => {
    const withBand = line.points.filter((p) => p.low !== null && p.high !== null);
    if (withBand.length < 2) return;
    const upper = withBand.map((p) => `${px(x(p.x))},${px(y(p.high!))}`);
    const lower = withBand.map((p) => `${px(x(p.x))},${px(y(p.low!))}`).reverse();
    out.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color(i)}" fill-opacity="0.18" stroke="none"/>`);
  });
  lines.forEach((line, i) => {
    const path = line.points.map((p) => `${px(x(p.x))},${px(y(p.mean))}`).join(' ');
    if (line.points.length > 1) out.push(`<polyline points="${path}" fill="none" stroke="${color(i)}" stroke-width="2"/>`);
    for (const p of line.points) out.push(`<circle cx="${px(x(p.x))}" cy="${px(y(p.mean))}" r="3" fill="${color(i)}"/>`);
  });
  // Legend.
  const legendX = right + 16;
  const title = header.vary.length > 1 ? header.vary.slice(1).map((v) => v.path).join(', ') : 'mean';
  out.push(`<text x="${legendX}" y="${y1 + 4}" font-weight="bold">${esc(title)}</text>`);
  lines.forEach((line, i) => {
    const ly = y1 + 24 + i * 18;
    out.push(`<rect x="${legendX}" y="${ly - 9}" width="14" height="10" fill="${color(i)}" fill-opacity="0.35" stroke="${color(i)}"/>`);
    out.push(`<text x="${legendX + 20}" y="${ly}">${esc(line.label)}</text>`);
  });
  const bandNote = header.seeds.length > 1 ? ['band: 95% confidence', `interval over ${header.seeds.length} seeds`] : ['one seed per point:', 'no confidence band'];
  bandNote.forEach((text, i) => out.push(`<text x="${legendX}" y="${y0 - 14 + i * 14}" fill="#666" font-size="11">${esc(text)}</text>`));
  out.push('</g>');
  return out.join('\n');
}

function linesOf(header: PlanHeader, points: readonly PointSummary[], metric: number, xOf: (v: VaryValue) => number): Line[] {
  const byLabel = new Map<string, Line>();
  for (const p of points) {
    const label = p.values.slice(1).map(String).join(', ') || header.metrics[metric];
    let line = byLabel.get(label);
    if (!line) byLabel.set(label, (line = { label, points: [] }));
    const s = p.stats[metric];
    if (s.mean !== null) line.points.push({ x: xOf(p.values[0]), mean: s.mean, low: s.low, high: s.high });
  }
  return [...byLabel.values()];
}

function xScale(axis: PlanHeader['vary'][number]['axis'], xs: number[], from: number, to: number): Scale {
  if (axis.kind === 'category') {
    const s = ((i: number) => from + ((i + 0.5) / xs.length) * (to - from)) as Scale;
    s.ticks = xs;
    return s;
  }
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (axis.log && lo > 0) return logScale(lo, hi, from, to);
  const s = linearScale(lo, hi, from, to);
  return s;
}

function color(i: number): string {
  return COLORS[i % COLORS.length];
}

function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
