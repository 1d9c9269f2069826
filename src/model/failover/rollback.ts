import type { DivergedMsg } from '../message.ts';
import type { DbNode } from '../node.ts';
import type { World } from '../world-api.ts';

/**
 * The highest LSN up to which `a` and `b` hold the same history. An entry is identified by
 * (term, lsn): each term has one primary, which never reuses an LSN. Entries pruned from
 * either log were applied everywhere, so they count as common.
 */
export function commonPrefix(a: DbNode, b: DbNode): number {
  let lsn = Math.min(a.log.lastLsn, b.log.lastLsn);
  while (lsn > 0) {
    const x = a.log.at(lsn);
    const y = b.log.at(lsn);
    if (!x || !y || x.term === y.term) break;
    lsn--;
  }
  return lsn;
}

/** The term of the primary's entry at `lsn`, or undefined if its log (as sent) does not hold it. */
function termAt(msg: DivergedMsg, lsn: number): number | undefined {
  if (lsn < msg.firstLsn || lsn > msg.lastLsn) return undefined;
  let term: number | undefined;
  for (const s of msg.termStarts) {
    if (s.lsn > lsn) break;
    term = s.term;
  }
  return term;
}

/** Where `node`'s log forks from the primary's history in `msg` (see `commonPrefix`). */
export function forkWith(node: DbNode, msg: DivergedMsg): number {
  let lsn = Math.min(node.log.lastLsn, msg.lastLsn);
  while (lsn > 0) {
    const x = node.log.at(lsn);
    const t = termAt(msg, lsn);
    if (!x || t === undefined || x.term === t) break;
    lsn--;
  }
  return lsn;
}

/**
 * `node` rolls itself back to where it forks from the history `primary` sent (as pg_rewind
 * or MongoDB's rollback do): its log loses the divergent entries, and the keys they wrote
 * get back the value they had at the fork — from the node's own log, or for keys whose last
 * write was pruned, from the values the primary sent (as pg_rewind copies blocks; the node
 * then replays the primary's log past the fork, which rewrites them). The node restarts
 * (new incarnation) with its applier at the fork. Returns the fork LSN.
 */
export function rollBack(w: World, node: DbNode, primary: DbNode, msg: DivergedMsg): number {
  const fork = forkWith(node, msg);
  if (fork >= node.log.lastLsn) return fork;
  const fromLsn = node.log.lastLsn;
  const removed = node.log.truncateAfter(fork);
  w.observer.logTruncated(node, fork, w.now);

  const keys = new Set<number>();
  for (const e of removed) keys.add(e.key);
  for (let lsn = fork; lsn >= node.log.firstLsn && keys.size > 0; lsn--) {
    const e = node.log.at(lsn);
    if (!e || !keys.has(e.key)) continue;
    keys.delete(e.key);
    node.keys.setApplied(e.key, e.version, e.keySeq);
  }
  let copied = false;
  for (const k of keys) {
    if (node.log.firstLsn <= 1) {
      node.keys.setApplied(k, 0, 0);
    } else {
      node.keys.setApplied(k, msg.values.versions[k], msg.values.keySeqs[k]);
      copied = true;
    }
  }
  if (node.appliedLsn > fork) {
    node.appliedLsn = fork;
    node.appliedVersion = node.log.at(fork)?.version ?? node.appliedVersion;
  }
  node.flushedLsn = Math.min(node.flushedLsn, fork);
  node.incarnation++;
  node.committing = false;
  node.commitQueue.length = 0;
  node.commitHead = 0;
  w.replica.resetApplier(node);
  w.observer.nodeChanged(node, w.now);
  w.observer.rolledBack(node, primary, fromLsn, fork, copied ? 'copied' : 'own-log', w.now);
  return fork;
}
