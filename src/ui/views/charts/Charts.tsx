import type { Playhead } from '../../hooks/playhead.ts';
import type { Series, Timeline } from '../../state/index.ts';
import { LagChart } from './LagChart.tsx';
import { LatencyHistogram } from './LatencyHistogram.tsx';
import { MonitorChart } from './MonitorChart.tsx';
import { StaleChart } from './StaleChart.tsx';

export function Charts(props: { playhead: Playhead; timeline: Timeline; series: Series }) {
  return (
    <section className="panel charts" aria-label="Charts" data-testid="charts">
      <LagChart {...props} />
      <MonitorChart playhead={props.playhead} timeline={props.timeline} />
      <StaleChart {...props} />
      <LatencyHistogram playhead={props.playhead} timeline={props.timeline} />
    </section>
  );
}
