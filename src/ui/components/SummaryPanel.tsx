import type { Report } from '../../metrics/report.ts';
import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import type { Timeline } from '../state/index.ts';
import { lostAckedAt, failoverIndex } from '../state/failover.ts';
import { lagSampleAt } from '../report/paths.ts';
import { formatMs, pct } from '../format.ts';

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  report: Report;
  /** In a lesson: whole-run figures wait for the end of the run (no spoilers). */
  hideFuture?: boolean;
}

/**
 * The CLI report's figures. Counts are folded from the trace up to the playhead (a read
 * counts when its reply reaches the client: `read.done`), so at the end of the run they are
 * the report's. Percentiles, means and lag are the report's own (whole run), never recomputed
 * here. Each figure names its report path in `data-metric` and its raw value in `data-value`.
 */
export function SummaryPanel({ playhead, timeline, report, hideFuture = false }: Props) {
  usePlayheadTick(playhead, 250);
  const frame = playhead.frame();
  if (!frame) return null;
  const c = frame.counters;
  const t = frame.tUs;
  const lost = lostAckedAt(failoverIndex(timeline), t);
  const staleFraction = c.readsTotal > 0 ? c.readsStale / c.readsTotal : 0;
  const w = report.writes.latencyMs;
  const replicas = Object.keys(report.replication.lagMs);
  const others = timeline.nodeIds.filter((id) => !replicas.includes(id));
  // Whole-run figures (percentiles, max and mean lag) would tell a learner how the run ends.
  const wholeRunShown = !hideFuture || t >= timeline.durationUs;
  const later = <span className="later" title="Shown at the end of the run: it covers the whole run">at end</span>;
  return (
    <section className="panel summary" aria-label="Summary as of the playhead" data-testid="summary">
      <h2>Summary <span className="as-of">as of {formatMs(t / 1000)}</span></h2>
      <div className="kpis">
        <Kpi label="writes acked" metric="writes.acknowledged" value={c.writesAcked} testId="kpi-writes" />
        <Kpi label="reads replied" metric="reads.total" value={c.readsTotal} testId="kpi-reads" />
        <div className={`kpi${c.readsStale > 0 ? ' bad' : ''}`} data-testid="kpi-stale">
          <div className="value"><Fig metric="reads.stale" value={c.readsStale} /> <small>(<Fig metric="reads.staleFraction" value={staleFraction} text={pct(staleFraction)} />)</small></div>
          <div className="label">stale reads</div>
        </div>
        <div className={`kpi${c.rywViolations + c.monotonicViolations > 0 ? ' bad' : ''}`}>
          <div className="value"><Fig metric="reads.rywViolations" value={c.rywViolations} /> / <Fig metric="reads.monotonicViolations" value={c.monotonicViolations} /></div>
          <div className="label">RYW / monotonic viol.</div>
        </div>
        <Kpi label="lost acked writes" metric="writes.lostAcknowledged" value={lost} bad={lost > 0} testId="kpi-lost" />
        <div className="kpi whole-run" title="Percentiles are the report's, over the whole run">
          <div className="value">{wholeRunShown ? <Fig metric="writes.latencyMs.p99" value={w.p99} text={formatMs(w.p99)} /> : later}</div>
          <div className="label">write p99 · p50 {wholeRunShown ? <Fig metric="writes.latencyMs.p50" value={w.p50} text={formatMs(w.p50)} /> : '…'} (whole run)</div>
        </div>
      </div>
      <div className="lag-table-box">
        <table className="mini lag-table">
          <thead><tr><th>node</th><th>reads</th><th title="The report's lag series at the playhead">lag now</th><th title="The report's, over the whole run">max lag (run)</th><th title="The report's time-weighted mean, over the whole run">mean (run)</th></tr></thead>
          <tbody>
            {replicas.map((id) => {
              const now = lagSampleAt(report, id, t);
              const l = report.replication.lagMs[id];
              return (
                <tr key={id}>
                  <td>{id}</td>
                  <td><Fig metric={`reads.byNode.${id}`} value={frame.readsByNode[id] ?? 0} /></td>
                  <td>{now ? <Fig metric={now.path} value={now.ms} text={formatMs(now.ms)} /> : '—'}</td>
                  <td>{wholeRunShown ? <Fig metric={`replication.lagMs.${id}.max`} value={l.max} text={formatMs(l.max)} /> : later}</td>
                  <td>{wholeRunShown ? <Fig metric={`replication.lagMs.${id}.mean`} value={l.mean} text={formatMs(l.mean)} /> : later}</td>
                </tr>
              );
            })}
            {others.map((id) => (
              <tr key={id}><td>{id}</td><td><Fig metric={`reads.byNode.${id}`} value={frame.readsByNode[id] ?? 0} /></td><td>—</td><td>—</td><td>—</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One figure: its report path and raw value travel with the text a person reads. */
function Fig({ metric, value, text }: { metric: string; value: number; text?: string }) {
  return <span className="fig" data-metric={metric} data-value={String(value)}>{text ?? String(value)}</span>;
}

function Kpi({ label, metric, value, bad, testId }: { label: string; metric: string; value: number; bad?: boolean; testId?: string }) {
  return (
    <div className={`kpi${bad ? ' bad' : ''}`} data-testid={testId}>
      <div className="value"><Fig metric={metric} value={value} /></div>
      <div className="label">{label}</div>
    </div>
  );
}
