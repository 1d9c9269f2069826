import { axisBottom, axisLeft } from 'd3-axis';
import { linear } from '../linear.ts';
import type { Playhead } from '../../hooks/playhead.ts';
import { latencyHistogram } from '../../state/index.ts';
import type { Timeline } from '../../state/index.ts';
import { formatUs } from '../../format.ts';
import { MARGIN, useChart } from './useChart.ts';

interface Props {
  playhead: Playhead;
  timeline: Timeline;
}

/** Write latency over the whole run (outline) and the part acknowledged by the playhead (filled). */
export function LatencyHistogram({ playhead, timeline }: Props) {
  const ref = useChart(playhead, (svg, size) => {
    const all = latencyHistogram(timeline, timeline.endUs);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    if (all.length === 0) {
      g.append('text').attr('class', 'empty').attr('x', size.innerW / 2).attr('y', size.innerH / 2).attr('text-anchor', 'middle').text('no acknowledged writes');
      return () => {};
    }
    const x = linear([0, all[all.length - 1].x1Ms], [0, size.innerW]);
    const y = linear([0, Math.max(1, ...all.map((b) => b.total))], [size.innerH, 0]).nice(3);
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${size.innerH})`).call(axisBottom(x).ticks(5).tickFormat((d) => formatUs(Number(d) * 1000)));
    g.append('g').attr('class', 'axis').call(axisLeft(y).ticks(3).tickFormat((d) => (Number(d) >= 1000 ? `${Number(d) / 1000}k` : String(d))));
    const bw = Math.max(1, x(all[0].x1Ms) - x(0) - 1);
    g.selectAll('rect.total').data(all).join('rect').attr('class', 'hist-total')
      .attr('x', (d) => x(d.x0Ms)).attr('width', bw).attr('y', (d) => y(d.total)).attr('height', (d) => size.innerH - y(d.total));
    const soFar = g.selectAll<SVGRectElement, (typeof all)[number]>('rect.sofar').data(all).join('rect').attr('class', 'hist-sofar')
      .attr('x', (d) => x(d.x0Ms)).attr('width', bw);
    let lastCount = -1;
    return (t) => {
      const bins = latencyHistogram(timeline, t);
      const count = bins.reduce((a, b) => a + b.soFar, 0);
      if (count === lastCount) return;
      lastCount = count;
      soFar.data(bins).attr('y', (d) => y(d.soFar)).attr('height', (d) => size.innerH - y(d.soFar));
    };
  }, [timeline]);
  return (
    <figure className="chart" aria-label="Write latency distribution">
      <figcaption>Write latency (filled: acknowledged by now; outline: whole run)</figcaption>
      <div className="chart-box"><svg ref={ref} role="img" aria-label="Write latency histogram" /></div>
    </figure>
  );
}
