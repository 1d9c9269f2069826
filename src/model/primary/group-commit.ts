import { TAG_COMMIT } from '../events.ts';
import type { CommitDone } from '../events.ts';
import type { DbNode } from '../node.ts';
import type { World } from '../world-api.ts';
import { roundUs } from '../../sim/time.ts';

/**
 * Group commit: the primary's log writer flushes (fsyncs) every commit that is waiting when a
 * flush starts, in one flush, and commits that arrive while a flush is in progress wait for
 * the next one. `replication.commitTime` is therefore the cost of one flush, whatever the size
 * of its group: under load the groups grow instead of the queue, so write latency stays
 * bounded (at most about two flushes) where a one-at-a-time log writer's queue grows without
 * bound once writes arrive faster than 1 / commitTime.
 *
 * Sources: PostgreSQL XLogFlush() (src/backend/access/transam/xlog.c): a backend that needs
 * its commit record flushed waits for WALWriteLock and, once it has it, flushes all WAL
 * inserted so far, so the backends that queued behind one flush are all made durable by the
 * next ("group commit"; commit_delay/commit_siblings can add a pause before the flush to grow
 * the group — not modelled, both default to 0). MySQL binary log group commit
 * (sql/binlog.cc, MYSQL_BIN_LOG::ordered_commit; MySQL manual, binlog_group_commit_sync_delay):
 * transactions queue for the flush stage, the first becomes the leader and takes everyone
 * queued, the group goes through the sync stage (one fsync) and the commit stage together, in
 * queue order, while the next group forms behind it.
 *
 * Each entry records its group as `commitGroup`: the LSN of the group's first entry. Entries
 * with the same commitGroup were made durable by the same flush; MySQL's commit-order
 * ("LOGICAL_CLOCK") parallel applier lets such transactions apply at the same time on a replica.
 */
export function startFlush(w: World, node: DbNode): void {
  node.committing = true;
  const ev: CommitDone = {
    time: w.now + roundUs(node.commitSample() * node.commitFactor),
    node,
    incarnation: node.incarnation,
    groupSize: node.commitQueue.length - node.commitHead,
  };
  w.queue.schedule(ev, ev.time, TAG_COMMIT);
}

/** Compacts the commit queue once its consumed head is long, so it does not grow forever. */
export function compactCommitQueue(node: DbNode): void {
  if (node.commitHead > 1024 && node.commitHead * 2 > node.commitQueue.length) {
    node.commitQueue.splice(0, node.commitHead);
    node.commitHead = 0;
  }
}
