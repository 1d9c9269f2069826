import type { ReadDone, Timeline } from '../state/index.ts';
import { phantomOf, routeLine, routeOf, type PhantomVerdict } from '../state/reads.ts';
import { formatClock, formatUs } from '../format.ts';
import { VIOLATION } from '../views/cluster/violations.ts';

/**
 * ⚠ RYW / ↶ backwards / ✗ lost-write tags for a read: icon and words, not colour alone. The
 * last (a phantom read: it returned a write that a failover later lost) shows only once the
 * checker has found that write lost, as of the playhead.
 */
export function ViolationTags({ read, phantom }: { read: ReadDone; phantom?: PhantomVerdict }) {
  return (
    <>
      {read.rywViolation && <span className="vtag ryw" title={VIOLATION.ryw.title}>⚠ RYW</span>}
      {read.monotonicViolation && <span className="vtag mono" title={VIOLATION.mono.title}>↶ went backwards</span>}
      {phantom && (
        <span className="vtag phantom" title={`A phantom read: it returned LSN ${phantom.lsn} (term ${phantom.term}), a write found lost at ${formatClock(phantom.atUs)}`}>
          ✗ read a lost write
        </span>
      )}
    </>
  );
}

/** Why a read went where it went, the session's tokens, any wait or fallback, and what it got. */
export function ReadDetails({ timeline, op, tUs }: { timeline: Timeline; op: number; tUs: number }) {
  const r = routeOf(timeline, op);
  if (!r) return null;
  const d = r.done;
  const phantom = phantomOf(timeline, op, tUs);
  return (
    <div className="read-details" data-testid="read-details">
      <h4>Why it went there</h4>
      <dl className="facts">
        <dt>session</dt><dd>{r.group} #{r.session}, key {r.key}</dd>
        <dt>router sent it to</dt><dd>{r.to}</dd>
        <dt>because</dt><dd>{r.reason || '—'}</dd>
        <dt>must reach</dt><dd>{r.token ? `LSN ${r.token} (the session token)` : 'no token: any state will do'}</dd>
        <dt>session tokens</dt><dd>last write LSN {r.writeToken || '—'} · newest read LSN {r.readToken || '—'}</dd>
        {r.hold && (<><dt>held</dt><dd>at {r.hold.node} from {formatClock(r.hold.fromUs)} for {formatUs(r.hold.untilUs - r.hold.fromUs)}, until it applied LSN {r.hold.token}{r.hold.timeoutUs !== null ? ` (timeout ${formatUs(r.hold.timeoutUs)})` : ''}</dd></>)}
        {r.fallback && (<><dt>fell back</dt><dd>waited {formatUs(r.fallback.waitedUs)} at {r.fallback.from}, timed out: retried on {r.fallback.to}</dd></>)}
        {d && (<><dt>served by</dt><dd>{d.node}{r.onPrimary ? ' (primary)' : ''}</dd></>)}
        {d && (<><dt>got</dt><dd>v{d.version} (newest acknowledged v{d.required}) — {d.stale ? `✗ stale, ${d.versionsBehind} behind, ${formatUs(d.timeBehindUs)} old` : '✓ fresh'} <ViolationTags read={d} phantom={phantom} /></dd></>)}
        {d && (<><dt>latency</dt><dd>{formatUs(d.latencyUs)}{r.hold ? `, of which ${formatUs(r.hold.untilUs - r.hold.fromUs)} held` : ''}</dd></>)}
      </dl>
    </div>
  );
}

/** A second table row under a read: the route in one line, and its violations. */
export function ReadWhy({ timeline, read, cols, tUs }: { timeline: Timeline; read: ReadDone; cols: number; tUs: number }) {
  const r = routeOf(timeline, read.op);
  if (!r) return null;
  return (
    <tr className="why"><td colSpan={cols}>↳ {routeLine(r)} <ViolationTags read={read} phantom={phantomOf(timeline, read.op, tUs)} /></td></tr>
  );
}
