import { axisBottom, axisLeft } from 'd3-axis';
import { linear } from '../linear.ts';
import type { Report } from '../../../metrics/report.ts';

type LagSeries = Report['replication']['lagSeries'];
import type { Playhead } from '../../hooks/playhead.ts';
import type { Timeline } from '../../state/index.ts';
import { formatUs } from '../../format.ts';
import { MARGIN, futureVeil, useChart } from './useChart.ts';

export const REPLICA_COLORS = ['#d97706', '#0891b2', '#9333ea', '#16a34a', '#e11d48', '#4f46e5', '#65a30d', '#c2410c', '#0d9488', '#a21caf'];

interface Props {
  playhead: Playhead;
  timeline: Timeline;
}

const NO_SERIES: LagSeries = { intervalMs: 1, byReplica: {} };

/** The report's lag series per replica (the metrics layer samples it), with a cursor at the playhead. */
export function LagChart({ playhead, timeline }: Props) {
  const series = timeline.report?.replication.lagSeries ?? NO_SERIES;
  const replicas = timeline.nodeIds.filter((id) => (series.byReplica[id] ?? []).some((v) => v > 0));
  const ref = useChart(playhead, (svg, size) => {
    const x = linear([0, timeline.endUs], [0, size.innerW]);
    let maxMs = 0;
    for (const id of replicas) for (const v of series.byReplica[id]) maxMs = Math.max(maxMs, v);
    const y = linear([0, Math.max(1, maxMs)], [size.innerH, 0]).nice(4);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${size.innerH})`).call(axisBottom(x).ticks(5).tickFormat((d) => formatUs(Number(d))));
    g.append('g').attr('class', 'axis').call(axisLeft(y).ticks(4).tickFormat((d) => formatUs(Number(d) * 1000)));
    replicas.forEach((id) => {
      const col = series.byReplica[id];
      const pts = col.map((v, i) => [i * series.intervalMs * 1000, v] as [number, number]);
      const color = REPLICA_COLORS[timeline.nodeIds.indexOf(id) % REPLICA_COLORS.length];
      g.append('path').attr('class', 'series').attr('stroke', color)
        .attr('d', polyline(pts.map(([t, v]) => [x(t), y(v)])));
    });
    if (replicas.length === 0) g.append('text').attr('class', 'empty').attr('x', size.innerW / 2).attr('y', size.innerH / 2).attr('text-anchor', 'middle').text('no replica ever lagged');
    const veil = futureVeil(g, playhead, size.innerW, size.innerH);
    const cursor = g.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', size.innerH);
    return (t) => {
      veil(x(t));
      cursor.attr('x1', x(t)).attr('x2', x(t));
    };
  }, [timeline]);
  return (
    <figure className="chart" aria-label="Replication lag per replica over time">
      <figcaption>
        <span>Replica lag (the report's, sampled every {formatUs(series.intervalMs * 1000)})</span>
        {legendOf(replicas, series).map((id) => (
          <span key={id} className="key"><i style={{ background: REPLICA_COLORS[timeline.nodeIds.indexOf(id) % REPLICA_COLORS.length] }} />{id}</span>
        ))}
        {replicas.length > LEGEND_MAX && <span className="key">+{replicas.length - LEGEND_MAX} more</span>}
      </figcaption>
      <div className="chart-box"><svg ref={ref} role="img" aria-label="Lag chart; click to move the playhead there" data-seek-end={timeline.endUs} className="seekable" /></div>
    </figure>
  );
}

/** An SVG path through the points (what d3-shape's line does, for one call site). */
function polyline(pts: [number, number][]): string {
  return pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`).join('');
}

const LEGEND_MAX = 4;

/** The replicas worth naming in a small legend: those that lagged most. */
function legendOf(replicas: string[], series: LagSeries): string[] {
  if (replicas.length <= LEGEND_MAX) return replicas;
  const worst = (id: string) => Math.max(0, ...(series.byReplica[id] ?? []));
  return [...replicas].sort((a, b) => worst(b) - worst(a)).slice(0, LEGEND_MAX);
}
