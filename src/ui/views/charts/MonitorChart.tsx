import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { linear } from '../linear.ts';
import type { Playhead } from '../../hooks/playhead.ts';
import type { Timeline } from '../../state/index.ts';
import { monitorTracks, sampleAt } from '../../state/monitor.ts';
import { maxLagUs } from '../../state/reads.ts';
import type { MonitorTrack } from '../../state/monitor.ts';
import { formatUs } from '../../format.ts';
import { REPLICA_COLORS } from './LagChart.tsx';
import { MARGIN, futureVeil, useChart } from './useChart.ts';
import '../../routing.css';

/** Series differ by dash pattern, replicas by colour: readable without colour vision. */
const DASH = { true: '', sbm: '6 3', lsn: '1.5 3' };

/** Does Seconds_Behind_Master understate the truth at sample i (the lie a learner should see)? */
export const lies = (m: MonitorTrack, i: number) => m.trueLagUs[i] - m.sbmUs[i] > Math.max(2000, m.trueLagUs[i] / 2);

/**
 * The lag monitor's samples per replica: true lag (a heartbeat table), MySQL's
 * Seconds_Behind_Master, and optionally LSN lag on a right-hand axis. Shaded between the
 * first two where the reported number is lower than the truth.
 */
export function MonitorChart({ playhead, timeline }: { playhead: Playhead; timeline: Timeline }) {
  const [lsn, setLsn] = useState(false);
  const outRef = useRef<HTMLDivElement>(null);
  const tracks = monitorTracks(timeline).filter((m) => m.tUs.length > 1);
  const color = (id: string) => REPLICA_COLORS[timeline.nodeIds.indexOf(id) % REPLICA_COLORS.length];
  const every = tracks.length ? tracks[0].tUs[1] - tracks[0].tUs[0] : 0; // the sampling interval
  const ref = useChart(playhead, (svg, { innerW, innerH }) => {
    const x = linear([0, timeline.endUs], [0, innerW]);
    let maxUs = 1000;
    let maxLsn = 1;
    for (const m of tracks) m.tUs.forEach((_, i) => {
      maxUs = Math.max(maxUs, m.trueLagUs[i], m.sbmUs[i]);
      maxLsn = Math.max(maxLsn, m.lsnLag[i]);
    });
    // A bounded-staleness router's threshold: replicas reported above it get no reads.
    const limit = maxLagUs(timeline);
    const y = linear([0, Math.max(maxUs, limit ?? 0) / 1000], [innerH, 0]).nice(4);
    const y2 = linear([0, maxLsn], [innerH, 0]).nice(3);
    const g = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    g.append('g').attr('class', 'axis').attr('transform', `translate(0,${innerH})`).call(axisBottom(x).ticks(5).tickFormat((d) => formatUs(Number(d))));
    g.append('g').attr('class', 'axis').call(axisLeft(y).ticks(4).tickFormat((d) => formatUs(Number(d) * 1000)));
    if (lsn) g.append('g').attr('class', 'axis lsn-axis').attr('transform', `translate(${innerW},0)`).call(axisLeft(y2).ticks(3).tickFormat((d) => `${d}`));
    // A sample holds until the next one: what a dashboard polling the monitor would show.
    const step = (m: MonitorTrack, v: (i: number) => number, back = false) => {
      const pts: string[] = [];
      m.tUs.forEach((t, i) => {
        const x1 = x(Math.min(timeline.endUs, m.tUs[i + 1] ?? t + every));
        pts.push(`${x(t).toFixed(1)},${v(i).toFixed(1)}`, `${x1.toFixed(1)},${v(i).toFixed(1)}`);
      });
      return (back ? pts.reverse() : pts).join('L');
    };
    for (const m of tracks) {
      const c = color(m.node);
      const t = (i: number) => y(m.trueLagUs[i] / 1000);
      const s = (i: number) => y(m.sbmUs[i] / 1000);
      g.append('path').attr('class', 'mon-gap').attr('fill', c).attr('d', `M${step(m, t)}L${step(m, s, true)}Z`);
      g.append('path').attr('class', 'series mon-true').attr('stroke', c).attr('d', `M${step(m, t)}`);
      g.append('path').attr('class', 'series mon-sbm').attr('stroke', c).attr('stroke-dasharray', DASH.sbm).attr('d', `M${step(m, s)}`);
      if (lsn) g.append('path').attr('class', 'series mon-lsn').attr('stroke', c).attr('stroke-dasharray', DASH.lsn).attr('d', `M${step(m, (i) => y2(m.lsnLag[i]))}`);
    }
    if (limit !== null) {
      g.append('line').attr('class', 'mon-limit').attr('x2', innerW).attr('y1', y(limit / 1000)).attr('y2', y(limit / 1000));
      g.append('text').attr('class', 'mon-limit-label').attr('x', innerW - 2).attr('y', y(limit / 1000) - 3).attr('text-anchor', 'end').text(`router's maxLag ${formatUs(limit)}: shunned above`);
    }
    const veil = futureVeil(g, playhead, innerW, innerH);
    const cursor = g.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', innerH);
    const out = outRef.current!;
    out.replaceChildren(...tracks.map((m) => Object.assign(document.createElement('div'), { style: `color:${color(m.node)}` })));
    return (tUs) => {
      veil(x(tUs));
      cursor.attr('x1', x(tUs)).attr('x2', x(tUs));
      tracks.forEach((m, k) => {
        const i = sampleAt(m, tUs);
        const el = out.children[k] as HTMLElement;
        el.className = i >= 0 && lies(m, i) ? 'lie' : '';
        el.textContent = i < 0 ? '' : `${m.node}: true ${formatUs(m.trueLagUs[i])}, SBM ${formatUs(m.sbmUs[i])}${lsn ? `, ${m.lsnLag[i]} entries` : ''}${lies(m, i) ? ' ⚠ SBM lies' : ''}`;
        if (i >= 0) el.append(Object.assign(document.createElement('small'), { textContent: reported(m, i) }));
      });
    };
  }, [timeline, lsn]);
  if (!tracks.length) return null;
  return (
    <figure className="chart monitor-chart" aria-label="Replica lag: the truth against what the monitor reports" data-testid="monitor-chart">
      <figcaption>
        <Key dash={DASH.true} label="true lag" />
        <Key dash={DASH.sbm} label="Seconds_Behind_Master" />
        <label className="key"><input type="checkbox" checked={lsn} onChange={(e) => setLsn(e.target.checked)} data-testid="monitor-lsn" />{lsn ? <Key dash={DASH.lsn} label="LSN lag (right)" /> : 'LSN lag'}</label>
      </figcaption>
      <div className="chart-box"><svg ref={ref} role="img" aria-label="Monitor chart; click to move the playhead there" data-seek-end={timeline.endUs} className="seekable" /></div>
      <div className="mon-readout" ref={outRef} aria-live="off" data-testid="monitor-readout" />
    </figure>
  );
}

/**
 * What the systems themselves print at sample i: MySQL's SHOW REPLICA STATUS figure (whole
 * seconds, NULL while the receiver is disconnected and the relay log drained) and, when
 * standby status replies are on, the replica's row in the primary's pg_stat_replication.
 */
function reported(m: MonitorTrack, i: number): string {
  const sbs = m.secondsBehindSource[i];
  const parts: string[] = [];
  if (sbs !== undefined) parts.push(`Seconds_Behind_Source ${sbs === null ? 'NULL' : sbs}${m.ioRunning[i] ? '' : ' (receiver disconnected)'}`);
  const pg = m.pgStat[i];
  const col = (us: number | null) => (us === null ? 'NULL' : formatUs(us));
  if (pg) parts.push(`pg_stat_replication write_lag ${col(pg.writeLagUs)}, flush_lag ${col(pg.flushLagUs)}, replay_lag ${col(pg.replayLagUs)}`);
  return parts.join(' · ');
}

function Key({ dash, label }: { dash: string; label: string }) {
  return (
    <span className="key">
      <svg width="18" height="6" aria-hidden="true"><line x1="0" y1="3" x2="18" y2="3" stroke="#334155" strokeWidth="2" strokeDasharray={dash} /></svg>
      {label}
    </span>
  );
}

/**
 * The charts column's third slot: the lag monitor (default when the scenario configures one)
 * or the write-latency histogram.
 */
export function MonitorOrLatency({ playhead, timeline, monitored, latency }: { playhead: Playhead; timeline: Timeline; monitored: boolean; latency: ReactNode }) {
  // A choice holds for the run it was made on; a new run starts from its own default.
  const [pick, setPick] = useState<{ tl: Timeline; which: string } | null>(null);
  const which = pick?.tl === timeline ? pick.which : monitored ? 'monitor' : 'latency';
  const setWhich = (w: string) => setPick({ tl: timeline, which: w });
  if (!monitorTracks(timeline).length) return latency;
  return (
    <div className="chart-slot">
      <div className="chart-switch" role="group" aria-label="Chart shown here">
        <button type="button" aria-pressed={which === 'monitor'} onClick={() => setWhich('monitor')} data-testid="show-monitor" title="The lag monitor's samples: true lag (a heartbeat table) against MySQL's Seconds_Behind_Master">Lag monitor{sampleInterval(timeline)}</button>
        <button type="button" aria-pressed={which === 'latency'} onClick={() => setWhich('latency')}>Write latency</button>
      </div>
      {which === 'monitor' ? <MonitorChart playhead={playhead} timeline={timeline} /> : latency}
    </div>
  );
}

/** " (1 s samples)": the monitor's interval, the gap between its first two samples (not a sample's time). */
function sampleInterval(tl: Timeline): string {
  const t = monitorTracks(tl)[0]?.tUs;
  return t && t.length >= 2 ? ` (${formatUs(t[1] - t[0])} samples)` : '';
}
