import { useMemo } from 'react';
import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import { summaryAt } from '../state/index.ts';
import type { Series, Timeline } from '../state/index.ts';
import { formatMs, pct } from '../format.ts';

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  series: Series;
}

/** The CLI report's metrics, computed from the trace up to the playhead. */
export function SummaryPanel({ playhead, timeline, series }: Props) {
  const tick = usePlayheadTick(playhead, 250);
  const frame = playhead.frame();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const s = useMemo(() => (frame ? summaryAt(timeline, series, frame) : null), [tick, timeline, series]);
  if (!s) return null;
  const replicas = Object.keys(s.lagMs).filter((id) => id !== (frame?.primary ?? ''));
  return (
    <section className="panel summary" aria-label="Summary as of the playhead" data-testid="summary">
      <h2>Summary <span className="as-of">as of {formatMs(s.tMs)}</span></h2>
      <div className="kpis">
        <Kpi label="writes acked" value={String(s.writes.acknowledged)} testId="kpi-writes" />
        <Kpi label={`write p99 (p50 ${formatMs(s.writes.latencyMs.p50)})`} value={formatMs(s.writes.latencyMs.p99)} />
        <Kpi label="reads" value={String(s.reads.total)} testId="kpi-reads" />
        <Kpi label="stale reads" value={`${s.reads.stale} (${pct(s.reads.staleFraction)})`} bad={s.reads.stale > 0} testId="kpi-stale" />
        <Kpi label="RYW / monotonic viol." value={`${s.reads.rywViolations} / ${s.reads.monotonicViolations}`} bad={s.reads.rywViolations + s.reads.monotonicViolations > 0} />
        <Kpi label="lost acked writes" value={String(s.writes.lostAcknowledged)} bad={s.writes.lostAcknowledged > 0} testId="kpi-lost" />
      </div>
      <div className="lag-table-box">
      <table className="mini lag-table">
        <thead><tr><th>node</th><th>reads</th><th>lag now</th><th>max lag so far</th></tr></thead>
        <tbody>
          {replicas.map((id) => (
            <tr key={id}><td>{id}</td><td>{s.reads.byNode[id] ?? 0}</td><td>{formatMs(s.lagMs[id].now)}</td><td>{formatMs(s.lagMs[id].max)}</td></tr>
          ))}
          {frame?.primary && <tr><td>{frame.primary}</td><td>{s.reads.byNode[frame.primary] ?? 0}</td><td>—</td><td>—</td></tr>}
        </tbody>
      </table>
      </div>
    </section>
  );
}

function Kpi({ label, value, bad, testId }: { label: string; value: string; bad?: boolean; testId?: string }) {
  return (
    <div className={`kpi${bad ? ' bad' : ''}`} data-testid={testId}>
      <div className="value">{value}</div>
      <div className="label">{label}</div>
    </div>
  );
}
