import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import { linkCut, msgAt, msgIndexById, recentReads } from '../state/index.ts';
import type { Frame, ReadDone, Timeline } from '../state/index.ts';
import { formatClock, formatUs } from '../format.ts';
import type { Selection } from '../views/cluster/ClusterView.tsx';
import { MARKS } from '../views/marks.ts';
import { Fragment } from 'react';
import { ReadDetails, ReadWhy } from './ReadDetails.tsx';
import { failoverIndex, lostOnNode, nodeLogRows, nodeStatus } from '../state/failover.ts';
import { latestWriteAt, writeAtLsn, writeOfMessage } from '../state/follow.ts';
import { FollowContext, FollowKey } from './FollowKey.tsx';
import { MarkIcon } from './Legend.tsx';
import { useContext } from 'react';

export type WhatIf =
  | { kind: 'crash'; node: string }
  | { kind: 'recover'; node: string }
  | { kind: 'cut'; a: string; b: string }
  | { kind: 'heal'; a: string; b: string }
  | { kind: 'promote'; node: string }
  | { kind: 'isolate'; node: string }
  | { kind: 'reconnect'; node: string };

interface Props {
  playhead: Playhead;
  timeline: Timeline;
  selection: Selection;
  onWhatIf: (w: WhatIf) => void;
  busy: boolean;
}

/** Details of what was clicked, as of the playhead, and the what-if actions for it. */
export function Inspector({ playhead, timeline, selection, onWhatIf, busy }: Props) {
  usePlayheadTick(playhead, 150);
  const frame = playhead.frame();
  if (!frame) return null;
  if (!selection) {
    return (
      <div className="inspector empty-state" data-testid="inspector">
        <p>Click a node, a client group, a link or a moving message (in the cluster or the space-time diagram) to inspect it.</p>
        <p>On a node or link you can also <strong>crash / recover</strong> or <strong>cut / heal</strong> it at the current time and see the run re-simulated from there.</p>
      </div>
    );
  }
  return (
    <div className="inspector" data-testid="inspector">
      {selection.kind === 'node' && <NodeDetails id={selection.id} frame={frame} timeline={timeline} onWhatIf={onWhatIf} busy={busy} />}
      {selection.kind === 'group' && <GroupDetails id={selection.id} frame={frame} timeline={timeline} />}
      {selection.kind === 'link' && <LinkDetails a={selection.a} b={selection.b} frame={frame} onWhatIf={onWhatIf} busy={busy} />}
      {selection.kind === 'msg' && <MessageDetails id={selection.id} timeline={timeline} playhead={playhead} />}
    </div>
  );
}

function NodeDetails({ id, frame, timeline, onWhatIf, busy }: { id: string; frame: Frame; timeline: Timeline; onWhatIf: (w: WhatIf) => void; busy: boolean }) {
  const n = frame.nodes.find((x) => x.id === id);
  if (!n) return <p>Unknown node {id}.</p>;
  const isPrimary = frame.primary === id;
  const ix = failoverIndex(timeline);
  const st = nodeStatus(ix, frame, n);
  const log = nodeLogRows(timeline, ix, frame, id, 12);
  const lost = lostOnNode(ix, id, frame.tUs);
  // Cut off from every other node, the manager and the clients (as "Partition … off" does).
  const others = [...timeline.nodeIds, ...timeline.agents, ...timeline.groups].filter((x) => x !== id);
  const isolated = others.length > 0 && others.every((o) => linkCut(frame.cutLinks, id, o) === 'both');
  const reads = recentReads(timeline, frame.tUs, frame.tUs + 1, id, 8);
  return (
    <>
      <h3>{id} <span className={`badge${st.staleTerm ? ' bad' : ''}`}>{isPrimary ? 'primary' : st.role.toLowerCase()}</span> <span className={`badge ${n.up ? (n.state === 'fenced' ? 'warn' : 'ok') : 'bad'}`}>{n.up ? n.state : n.state}</span></h3>
      {st.long && <p className={`node-status tone-${st.tone}`} data-testid="node-status">{st.long}</p>}
      <dl className="facts">
        <dt>term</dt><dd className="term-value">{n.term}{st.staleTerm && <span className="stale-term"> — behind the cluster ({st.staleTerm})</span>}</dd>
        <dt>committed</dt><dd>{isPrimary || n.committedLsn > 0 ? n.committedLsn : '—'}</dd>
        <dt>received</dt><dd>{n.receivedLsn}</dd>
        <dt>applied</dt><dd>{n.appliedLsn}</dd>
        <dt>relay backlog</dt><dd>{n.backlog} entries</dd>
        <dt title="The report's lag series at the playhead (sampled every report interval)">lag (sampled)</dt><dd>{isPrimary ? '—' : formatUs(n.lagUs)}</dd>
        {lost.count > 0 && (<><dt>left history</dt><dd className="lost-facts" data-testid="node-lost">{lost.count} entries (LSN {lost.fromLsn}–{lost.toLsn}), {lost.acked} acknowledged = lost writes</dd></>)}
      </dl>
      <div className="actions">
        {n.up
          ? <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'crash', node: id })} data-testid="crash-node">⚡ Crash {id} now</button>
          : <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'recover', node: id })} data-testid="recover-node">↻ Recover {id} now</button>}
        {n.role !== 'primary' && n.up && (
          <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'promote', node: id })} data-testid="promote-node" title="Adds a manual promote of this replica at the playhead and re-runs">★ Promote {id} now</button>
        )}
        {isolated
          ? <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'reconnect', node: id })} data-testid="reconnect-node">Reconnect {id}</button>
          : <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'isolate', node: id })} data-testid="isolate-node" title="Partitions this node from every other node, the failover manager and the clients">✂ Partition {id} off</button>}
      </div>
      <h4>Log (newest first)</h4>
      <table className="mini log-table">
        <thead><tr><th>LSN</th><th>key</th><th>version</th><th>term</th><th>here</th></tr></thead>
        <tbody>
          {log.map((e) => (
            <tr key={`${e.lsn}-${e.term}`} className={e.status}>
              <td>{e.lsn}</td><td><FollowKey op={writeAtLsn(timeline, e.lsn, frame.tUs, e.key)} what={`the write to key ${e.key}`}>{e.key}</FollowKey></td><td>v{e.lsn}</td><td>{e.term}</td>
              <td>{e.status === 'lost'
                ? <span className="lost-tag" title={`Left history at ${formatClock(e.lostAtUs ?? 0)}${e.acked ? '; the client had been told it succeeded' : '; no client had been told it succeeded'}`}>{e.acked ? '✗ LOST (acked)' : '✗ discarded'}</span>
                : e.status === 'applied' ? 'applied' : e.status === 'received' ? 'received, not applied' : 'not received'}</td>
            </tr>
          ))}
          {log.length === 0 && <tr><td colSpan={5}>empty</td></tr>}
        </tbody>
      </table>
      <h4>Recent reads served here</h4>
      <ReadsTable reads={reads} showNode={false} timeline={timeline} tUs={frame.tUs} />
    </>
  );
}

function GroupDetails({ id, frame, timeline }: { id: string; frame: Frame; timeline: Timeline }) {
  const reads = recentReads(timeline, frame.tUs, frame.tUs + 1, undefined, 400).filter((r) => r.group === id).slice(0, 8);
  return (
    <>
      <h3>{id} <span className="badge">client group</span></h3>
      <p className="hint">Sessions in this group send writes to the primary and reads where the router sends them.</p>
      <h4>Recent reads by this group</h4>
      <ReadsTable reads={reads} timeline={timeline} tUs={frame.tUs} />
    </>
  );
}

function ReadsTable({ reads, showNode = true, timeline, tUs }: { reads: ReadDone[]; showNode?: boolean; timeline: Timeline; tUs: number }) {
  if (reads.length === 0) return <p className="hint">none yet</p>;
  return (
    <table className="mini">
      <thead><tr><th title="When the reply reached the client: when a read counts">replied at</th>{showNode && <th>node</th>}<th>key</th><th>got</th><th>newest acked</th><th>verdict</th></tr></thead>
      <tbody>
        {reads.map((r) => (
          <Fragment key={r.rec}><tr className={r.stale ? 'stale' : 'fresh'}>
            <td className="nowrap">{formatUs(r.tUs)}</td>{showNode && <td>{r.node}</td>}<td><FollowKey op={latestWriteAt(timeline, r.tUs, r.key)} what={`the latest write to key ${r.key}`}>{r.key}</FollowKey></td><td>v{r.version}</td><td>v{r.required}</td>
            <td>{r.stale ? `✗ stale, ${r.versionsBehind} behind` : '✓ fresh'}</td>
          </tr><ReadWhy timeline={timeline} read={r} cols={showNode ? 6 : 5} tUs={tUs} /></Fragment>
        ))}
      </tbody>
    </table>
  );
}

function LinkDetails({ a, b, frame, onWhatIf, busy }: { a: string; b: string; frame: Frame; onWhatIf: (w: WhatIf) => void; busy: boolean }) {
  const state = linkCut(frame.cutLinks, a, b);
  const cut = state !== null;
  const label = state === 'both' ? 'cut' : state === 'a>b' ? `cut ${a} → ${b} only` : state === 'b>a' ? `cut ${b} → ${a} only` : 'up';
  const isClientLink = !frame.nodes.some((n) => n.id === a) || !frame.nodes.some((n) => n.id === b);
  return (
    <>
      <h3>link {a} ↔ {b} <span className={`badge ${cut ? 'bad' : 'ok'}`}>{label}</span></h3>
      <p className="hint">Messages on a link arrive in order (like TCP) after the link's latency.</p>
      {isClientLink
        ? <p className="hint">Client links cannot be cut here; cut the links between nodes.</p>
        : (
          <div className="actions">
            {cut
              ? <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'heal', a, b })} data-testid="heal-link">Heal link now</button>
              : <button type="button" disabled={busy} onClick={() => onWhatIf({ kind: 'cut', a, b })} data-testid="cut-link">✂ Cut link now</button>}
          </div>
        )}
    </>
  );
}

function MessageDetails({ id, timeline, playhead }: { id: number; timeline: Timeline; playhead: Playhead }) {
  const follow = useContext(FollowContext);
  const mi = msgIndexById(timeline, id);
  const m = mi >= 0 ? msgAt(timeline, mi) : null;
  if (!m) return <p>Message {id} is not in this run.</p>;
  const write = writeOfMessage(timeline, m);
  const style = MARKS[m.kind];
  return (
    <>
      {/* The kind's colour is on its mark, not its text: amber or teal text on the badge is too faint to read (axe-core color-contrast). */}
      <h3>message #{m.id} <MarkIcon kind={m.kind} /> <span className="badge">{m.kind}</span></h3>
      <p className="hint">{style?.label}</p>
      <dl className="facts">
        <dt>from → to</dt><dd>{m.from} → {m.to}</dd>
        <dt>sent</dt><dd>{formatClock(m.sendUs)}</dd>
        <dt>{m.dropReason ? 'would arrive' : 'arrives'}</dt><dd>{formatClock(m.deliverUs)}</dd>
        <dt>in flight</dt><dd>{formatUs(m.deliverUs - m.sendUs)}</dd>
        {m.dropReason && (<><dt>dropped</dt><dd>{formatClock(m.endUs)} — {m.dropReason}</dd></>)}
        {m.op !== undefined && (<><dt>operation</dt><dd>#{m.op}</dd></>)}
        {m.lsn !== undefined && (<><dt>LSN</dt><dd>{m.lsn}</dd></>)}
        {m.key !== undefined && (<><dt>key</dt><dd>{m.key}</dd></>)}
      </dl>
      {m.op !== undefined && (m.kind === 'read' || m.kind === 'read-reply') && <ReadDetails timeline={timeline} op={m.op} tUs={playhead.tUs} />}
      <div className="actions">
        <button type="button" onClick={() => { playhead.pause(); playhead.seek(m.sendUs); }}>Go to send</button>
        <button type="button" onClick={() => { playhead.pause(); playhead.seek(m.endUs); }}>Go to {m.dropReason ? 'drop' : 'arrival'}</button>
        {write !== null && follow && <button type="button" onClick={() => follow.follow(write)} data-testid="follow-this-write">◎ Follow write #{write}</button>}
      </div>
    </>
  );
}
