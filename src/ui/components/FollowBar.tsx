import { useMemo } from 'react';
import type { Playhead } from '../hooks/playhead.ts';
import { usePlayheadTick } from '../hooks/usePlayhead.ts';
import type { Follow } from '../hooks/useFollow.ts';
import { READ_STALE } from '../state/index.ts';
import type { Timeline } from '../state/index.ts';
import { followStateAt, latestWriteAt, readsRepliedBy } from '../state/follow.ts';
import type { WritePath } from '../state/follow.ts';
import '../follow.css';

interface Props {
  follow: Follow;
  playhead: Playhead;
  timeline: Timeline;
}

/**
 * "Follow one write": a button that follows the latest write at the playhead (the keyboard's
 * way in; a click on a write's mark does the same), and while one is followed, a chip naming
 * it, where it stands now, and ✕ (or Esc) to stop.
 */
export function FollowBar({ follow, playhead, timeline }: Props) {
  usePlayheadTick(playhead, 150);
  const path = follow.path;
  if (!path) {
    const latest = latestWriteAt(timeline, playhead.tUs);
    return (
      <button type="button" className="follow-btn" data-testid="follow-latest" disabled={latest === null}
        onClick={() => latest !== null && follow.follow(latest)}
        title="Highlight the latest write so far: client → primary → each replica, its acks and the reads of its key (or click a write's square)">
        ◎ Follow a write
      </button>
    );
  }
  return (
    // Only the name is live (announced when following starts or switches); the status line changes every frame.
    <div className="follow-chip" data-testid="follow-chip">
      <span className="follow-name" role="status">Following write #{path.op} to key {path.key}</span>
      <button type="button" className="follow-clear" onClick={follow.clear} aria-label={`Stop following write #${path.op} (Esc)`} title="Stop following (Esc)">✕</button>
      <FollowStatus path={path} timeline={timeline} tUs={playhead.tUs} />
    </div>
  );
}

/** Where the write stands at the playhead, in a few words. */
function FollowStatus({ path, timeline, tUs }: { path: WritePath; timeline: Timeline; tUs: number }) {
  // Stale reads among the key's reads, as a running count (one pass per followed write).
  const staleSoFar = useMemo(() => {
    const out = new Uint32Array(path.reads.length + 1);
    path.reads.forEach((row, i) => (out[i + 1] = out[i] + (timeline.reads.flags[row] & READ_STALE ? 1 : 0)));
    return out;
  }, [path, timeline]);
  const parts: string[] = [];
  const c = path.commit;
  if (tUs < path.issueUs) parts.push('not sent yet');
  else if (path.fail && path.fail.tUs <= tUs) parts.push(`failed (${path.fail.reason})`);
  else if (!c || c.tUs > tUs) parts.push(`on its way to ${path.to}`);
  else {
    parts.push(path.ack && path.ack.tUs <= tUs ? `committed on ${c.node}, client told done` : `committed on ${c.node}`);
    const others = timeline.nodeIds.filter((id) => id !== c.node);
    const applied = others.filter((id) => followStateAt(path, id, tUs) === 'applied').length;
    if (others.length > 0) parts.push(`applied on ${applied} of ${others.length} ${others.length === 1 ? 'replica' : 'replicas'}`);
    if (path.lost && path.lost.tUs <= tUs) parts.push('LOST');
  }
  const n = readsRepliedBy(timeline, path, tUs);
  if (n > 0) {
    const stale = staleSoFar[n];
    parts.push(`reads of key ${path.key}: ${n - stale} fresh, ${stale} stale`);
  }
  return <span className="follow-status" data-testid="follow-status">{parts.join(' · ')}</span>;
}
