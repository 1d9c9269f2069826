import type { Playhead } from '../../hooks/playhead.ts';
import type { Series, Timeline } from '../../state/index.ts';
import { LagChart } from './LagChart.tsx';
import { LatencyHistogram } from './LatencyHistogram.tsx';
import { MonitorOrLatency } from './MonitorChart.tsx';
import { StaleChart } from './StaleChart.tsx';

export function Charts(props: { playhead: Playhead; timeline: Timeline; series: Series; monitored?: boolean }) {
  return (
    <section className="panel charts" aria-label="Charts" data-testid="charts">
      <LagChart playhead={props.playhead} timeline={props.timeline} />
      <StaleChart {...props} />
      <MonitorOrLatency playhead={props.playhead} timeline={props.timeline} monitored={!!props.monitored}
        latency={<LatencyHistogram playhead={props.playhead} timeline={props.timeline} />} />
    </section>
  );
}
