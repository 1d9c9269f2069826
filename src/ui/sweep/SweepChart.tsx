import { useEffect, useRef } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog, scalePoint } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import type { MeanInterval } from '../../metrics/stats.ts';
import { axisPosition, type Vary, type VaryValue } from '../../scenario/vary/spec.ts';

export interface ChartPoint {
  values: VaryValue[];
  stat: MeanInterval;
}

interface Props {
  vary: Vary[];
  metric: string;
  /** Finished points only (all their seeds run). */
  points: ChartPoint[];
}

const M = { top: 14, right: 16, bottom: 40, left: 64 };
const COLORS = ['#1d4ed8', '#dc2626', '#15803d', '#9333ea', '#b45309', '#0891b2', '#be185d', '#4d7c0f'];

/**
 * The chosen metric against the first varied setting: each point's mean over the seeds, with a
 * bar for its 95% confidence interval (the CLI's); one line per value of a second setting.
 */
export function SweepChart({ vary, metric, points }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    const box = boxRef.current!;
    const draw = () => {
      const { width, height } = box.getBoundingClientRect();
      const svg = select(svgRef.current!).attr('width', width).attr('height', height);
      svg.selectAll('*').remove();
      if (width < 80 || height < 80 || vary.length === 0) return;
      const innerW = width - M.left - M.right;
      const innerH = height - M.top - M.bottom;
      const g = svg.append('g').attr('transform', `translate(${M.left},${M.top})`);
      const xVary = vary[0];
      const axis = xVary.axis;
      const numeric = axis.kind === 'numeric';
      const positions = xVary.values.map((v) => axisPosition(v, axis));
      let xAt: (v: VaryValue) => number;
      if (numeric) {
        const lo = Math.min(...positions);
        const hi = Math.max(...positions);
        const scale = (axis.log ? scaleLog() : scaleLinear()).domain(lo === hi ? [lo * 0.9 || -1, hi * 1.1 || 1] : [lo, hi]).range([0, innerW]);
        if (!axis.log) scale.nice();
        xAt = (v) => scale(axisPosition(v, axis));
        const ax = axisBottom(scale).ticks(Math.max(2, Math.floor(innerW / 80)), axis.log ? '~g' : undefined);
        g.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${innerH})`).call(ax);
      } else {
        const scale = scalePoint<string>().domain(xVary.values.map(String)).range([0, innerW]).padding(0.5);
        xAt = (v) => scale(String(v)) ?? 0;
        g.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${innerH})`).call(axisBottom(scale));
      }
      const ys = points.flatMap((p) => [p.stat.low, p.stat.high, p.stat.mean]).filter((v): v is number => v !== null && Number.isFinite(v));
      let lo = ys.length ? Math.min(...ys) : 0;
      let hi = ys.length ? Math.max(...ys) : 1;
      if (lo > 0 && lo < hi * 0.5) lo = 0;
      if (lo === hi) [lo, hi] = [lo - (Math.abs(lo) || 1) * 0.1, hi + (Math.abs(hi) || 1) * 0.1];
      const y = scaleLinear().domain([lo, hi]).range([innerH, 0]).nice();
      g.append('g').attr('class', 'y-axis').call(axisLeft(y).ticks(Math.max(2, Math.floor(innerH / 50)), '~g'));
      g.append('g').attr('class', 'grid-lines').selectAll('line').data(y.ticks(Math.max(2, Math.floor(innerH / 50)))).join('line')
        .attr('x1', 0).attr('x2', innerW).attr('y1', (d) => y(d)).attr('y2', (d) => y(d));
      svg.append('text').attr('class', 'axis-label').attr('x', M.left + innerW / 2).attr('y', height - 6).attr('text-anchor', 'middle')
        .text(`${xVary.path}${numeric && axis.unit ? ` (${axis.unit === '/s' ? 'per s' : axis.unit})` : ''}${numeric && axis.log ? ', log scale' : ''}`);
      svg.append('text').attr('class', 'axis-label').attr('transform', `translate(14,${M.top + innerH / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(metric);
      // One series per value of the second varied setting (or one series).
      const series = vary.length > 1 ? vary[1].values.map((v) => ({ key: String(v), pts: points.filter((p) => p.values[1] === v) })) : [{ key: '', pts: points }];
      series.forEach((s, i) => {
        const color = COLORS[i % COLORS.length];
        // Series side by side at each x, a few pixels apart, so their interval bars do not hide each other.
        const dodge = (i - (series.length - 1) / 2) * 5;
        const x = (v: VaryValue) => xAt(v) + dodge;
        const withMean = s.pts.filter((p) => p.stat.mean !== null);
        const sg = g.append('g').attr('class', 'series').attr('data-series', s.key);
        sg.append('path').attr('fill', 'none').attr('stroke', color).attr('stroke-width', 1.6)
          .attr('d', line<ChartPoint>().x((p) => x(p.values[0])).y((p) => y(p.stat.mean!))(withMean) ?? '');
        const bars = withMean.filter((p) => p.stat.low !== null && p.stat.high !== null);
        sg.selectAll('line.ci').data(bars).join('line').attr('class', 'ci').attr('stroke', color)
          .attr('x1', (p) => x(p.values[0])).attr('x2', (p) => x(p.values[0])).attr('y1', (p) => y(p.stat.low!)).attr('y2', (p) => y(p.stat.high!));
        for (const end of ['low', 'high'] as const) {
          sg.selectAll(`line.cap-${end}`).data(bars).join('line').attr('class', `cap-${end}`).attr('stroke', color)
            .attr('x1', (p) => x(p.values[0]) - 4).attr('x2', (p) => x(p.values[0]) + 4).attr('y1', (p) => y(p.stat[end]!)).attr('y2', (p) => y(p.stat[end]!));
        }
        sg.selectAll('circle').data(withMean).join('circle').attr('r', 3.5).attr('fill', color)
          .attr('cx', (p) => x(p.values[0])).attr('cy', (p) => y(p.stat.mean!))
          .append('title').text((p) => `${p.values.join(', ')}: mean ${p.stat.mean}${p.stat.low !== null ? ` (95% CI ${p.stat.low} … ${p.stat.high})` : ''}`);
        if (s.key !== '') {
          const lg = svg.append('g').attr('class', 'legend-item').attr('transform', `translate(${M.left + 10 + i * 130},${M.top + 4})`);
          lg.append('rect').attr('width', 10).attr('height', 10).attr('fill', color);
          lg.append('text').attr('x', 14).attr('y', 9).text(`${vary[1].path.split('.').slice(-1)[0]}=${s.key}`);
        }
      });
    };
    draw();
    const ro = new ResizeObserver(draw);
    ro.observe(box);
    return () => ro.disconnect();
  }, [vary, metric, points]);
  return (
    <div className="sweep-chart" ref={boxRef} data-testid="sweep-chart">
      <svg ref={svgRef} role="img" aria-label={`${metric} against ${vary[0]?.path ?? ''}: mean and 95% confidence interval per point`} />
    </div>
  );
}
