import { useMemo, useState } from 'react';
import { compareRuns } from '../../metrics/compare-runs.ts';
import { formatSig } from '../../metrics/format-stat.ts';
import { numericMetrics } from '../../metrics/named-metrics.ts';
import type { Report } from '../../metrics/report.ts';

interface Props {
  a: Report;
  b: Report | null;
}

/**
 * The reports side by side: every metric `repsim compare` prints, A's, B's and B − A, computed
 * by the same code (one seed here, so no interval). Whole-run figures, not as of the playhead.
 */
export function CompareSummary({ a, b }: Props) {
  const [differingOnly, setDifferingOnly] = useState(false);
  const rows = useMemo(() => (b ? compareRuns([numericMetrics(a)], [numericMetrics(b)]) : []), [a, b]);
  const differs = (d: number | null) => d !== null && d !== 0;
  const differing = rows.filter((r) => differs(r.diff.mean)).length;
  const shown = differingOnly ? rows.filter((r) => differs(r.diff.mean)) : rows;
  return (
    <section className="panel compare-summary" aria-label="Summary of both setups" data-testid="compare-summary">
      <header>
        <h2>Summary · A, B and B − A <span className="as-of">whole run</span></h2>
        {b && <span className="compare-count" data-testid="compare-count">{differing === 0 ? 'no metric differs' : `${differing} of ${rows.length} metrics differ`}</span>}
        <label className="compare-filter"><input type="checkbox" checked={differingOnly} onChange={(e) => setDifferingOnly(e.target.checked)} /> differences only</label>
      </header>
      {!b ? <p className="hint">Waiting for B's run…</p> : (
        <div className="compare-table-box">
          <table className="mini compare-table">
            <thead><tr><th>metric</th><th>A</th><th>B</th><th>B − A</th></tr></thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.metric} data-metric={r.metric} data-a={String(r.a.mean)} data-b={String(r.b.mean)} data-diff={String(r.diff.mean)}
                  className={differs(r.diff.mean) ? (r.diff.mean! > 0 ? 'up' : 'down') : undefined}>
                  <td>{r.metric}</td>
                  <td>{formatSig(r.a.mean)}</td>
                  <td>{formatSig(r.b.mean)}</td>
                  <td>{r.diff.mean === null ? '–' : `${r.diff.mean > 0 ? '+' : ''}${formatSig(r.diff.mean)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint compare-note">Both sides run on the same seed, so they see the same users: a difference is the setup's. One seed here; for a confidence interval over seeds use <code>repsim compare A.yaml B.yaml --seeds 10</code>.</p>
    </section>
  );
}
