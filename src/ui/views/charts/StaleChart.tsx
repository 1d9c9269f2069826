import { axisBottom, axisLeft } from 'd3-axis';
import { linear } from '../linear.ts';
import type { Playhead } from '../../hooks/playhead.ts';
import type { Series, Timeline } from '../../state/index.ts';
import { formatUs } from '../../format.ts';
import { STALE_COLOR } from '../marks.ts';
import { MARGIN, futureVeil, useChart } from './useChart.ts';

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  series: Series;
}

/** Fraction of reads that were stale in each window of the run. */
export function StaleChart({ playhead, timeline, series }: Props) {
  const ref = useChart(playhead, (svg, size) => {
    const n = series.readsPerBucket.length;
    const x = linear([0, timeline.endUs], [0, size.innerW]);
    const frac = Array.from(series.readsPerBucket, (r, i) => (r ? series.stalePerBucket[i] / r : 0));
    const y = linear([0, Math.max(0.05, ...frac)], [size.innerH, 0]).nice(4);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${size.innerH})`).call(axisBottom(x).ticks(5).tickFormat((d) => formatUs(Number(d))));
    g.append('g').attr('class', 'axis').call(axisLeft(y).ticks(4).tickFormat((d) => `${Math.round(Number(d) * 1000) / 10}%`));
    const bw = Math.max(1, x(series.staleBucketUs) - x(0) - 1);
    const bars = g.append('g');
    for (let i = 0; i < n; i++) {
      if (!frac[i]) continue;
      bars.append('rect').attr('class', 'stale-bar').attr('data-t', i * series.staleBucketUs)
        .attr('x', x(i * series.staleBucketUs)).attr('width', bw)
        .attr('y', y(frac[i])).attr('height', size.innerH - y(frac[i])).attr('fill', STALE_COLOR);
    }
    if (frac.every((f) => f === 0)) g.append('text').attr('class', 'empty').attr('x', size.innerW / 2).attr('y', size.innerH / 2).attr('text-anchor', 'middle').text('no stale reads in this run');
    const veil = futureVeil(g, playhead, size.innerW, size.innerH);
    const cursor = g.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', size.innerH);
    let lastBucket = -1;
    return (t) => {
      veil(x(t));
      cursor.attr('x1', x(t)).attr('x2', x(t));
      const bucket = Math.floor(t / series.staleBucketUs);
      if (bucket === lastBucket) return;
      lastBucket = bucket;
      // Bars ahead of the playhead are the future: faded.
      bars.selectAll<SVGRectElement, unknown>('rect').attr('opacity', function () {
        return Number(this.getAttribute('data-t')) <= t ? 0.9 : 0.25;
      });
    };
  }, [timeline, series]);
  return (
    <figure className="chart" aria-label="Stale-read fraction over time">
      <figcaption>Stale reads (fraction per {formatUs(series.staleBucketUs)} window)</figcaption>
      <div className="chart-box"><svg ref={ref} role="img" aria-label="Stale-read chart; click to move the playhead there" data-seek-end={timeline.endUs} className="seekable" /></div>
    </figure>
  );
}
