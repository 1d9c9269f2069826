import type { Report } from '../../metrics/report.ts';
import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import type { Timeline } from '../state/index.ts';
import { groupTalliesAt } from '../state/reads.ts';
import { pct } from '../format.ts';

/**
 * The report's reads.byGroup as of the playhead: each group's routing policy and what it
 * cost or bought — violations, held reads, fallbacks, load on the primary. Shown when groups
 * route differently or any session guarantee was broken or enforced.
 */
export function GroupReads({ playhead, timeline, report }: { playhead: Playhead; timeline: Timeline; report: Report }) {
  usePlayheadTick(playhead, 250);
  const byGroup = report.reads.byGroup ?? {};
  const policies = new Set(Object.values(byGroup).map((g) => g.policy));
  const r = report.reads;
  if (policies.size < 2 && !r.rywViolations && !r.monotonicViolations && !r.waited) return null;
  const rows = groupTalliesAt(timeline, playhead.tUs);
  // The session-guarantee columns always show (a fix shows its zero); holds only when any happened.
  const showHeld = r.waited > 0;
  return (
    <section className="panel group-reads" aria-label="Reads by client group, as of the playhead" data-testid="group-reads">
      <table className="mini">
        <thead>
          <tr>
            <th>reads by group</th><th>reads</th><th>stale</th>
            <th title="read-your-writes violations">⚠RYW</th>
            <th title="monotonic-read violations: went backwards">↶back</th>
            {showHeld && <th title="held by a replica until it had the session token (↩ = timed out, retried on the primary)">held</th>}
            <th title="share served by the primary">primary</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ group, tally: t }) => (
            <tr key={group} data-group={group}>
              <td><b>{group}</b> <span className="policy">{byGroup[group]?.policy ?? ''}</span></td>
              <td>{t.total}</td>
              <td className={t.stale ? 'bad' : ''}>{t.stale}</td>
              <td className={t.ryw ? 'bad ryw' : ''} data-testid="group-ryw">{t.ryw ? `⚠ ${t.ryw}` : 0}</td>
              <td className={t.mono ? 'bad mono' : ''} data-testid="group-mono">{t.mono ? `↶ ${t.mono}` : 0}</td>
              {showHeld && <td>{t.held}{t.fellBack ? ` (${t.fellBack}↩)` : ''}</td>}
              <td>{t.total ? pct(t.onPrimary / t.total) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
