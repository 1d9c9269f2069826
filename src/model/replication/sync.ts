import type { ReplicationConfig } from '../config.ts';
import type { DbNode } from '../node.ts';
import type { CommitActions, ReplicationModeLogic } from './mode.ts';
import { WaitingCommits } from './waiting-commits.ts';

/**
 * PostgreSQL synchronous replication. `standbys` is synchronous_standby_names in priority
 * order; `quorum: first` is `FIRST k (…)`: the k highest-priority standbys that are connected
 * must confirm; `quorum: any` is `ANY k (…)`: any k of them. The commit is visible only after
 * confirmation, and there is no timeout: while too few standbys answer, commits wait.
 * `ackOn` maps to synchronous_commit: receive = remote_write, flush = on, apply = remote_apply.
 */
export function syncMode(
  config: ReplicationConfig,
  actions: CommitActions,
  /** Node indexes of the standbys, in priority order. */
  standbys: number[],
): ReplicationModeLogic {
  const waiting = new WaitingCommits(actions, false);
  /** The standbys last reported as the ones commits wait on (null = none reported yet). */
  let reported: number[] | null = null;
  /** The position the last release confirmed (WalSndCtl->lsn[mode]): a commit at or below it does not wait. */
  let confirmedLsn = 0;

  function report(primary: DbNode, set: number[]): void {
    if (reported && reported.length === set.length && reported.every((v, i) => v === set[i])) return;
    reported = set;
    actions.syncStandbysChanged(primary, set);
  }

  /**
   * The synchronous standbys now, as pg_stat_replication's sync_state shows them: every listed
   * standby for ANY k, the k highest-priority ones with a live stream for FIRST k.
   */
  function syncStandbys(primary: DbNode): number[] {
    const candidates = standbys.filter((i) => i !== primary.index);
    const set = config.quorum === 'any' ? candidates : candidates.filter((i) => primary.streamTo[i]).slice(0, config.waitFor);
    report(primary, set);
    return set;
  }

  /**
   * What PostgreSQL's walsender does with each reply from its standby (SyncRepReleaseWaiters in
   * src/backend/replication/syncrep.c, called from ProcessStandbyReplyMessage): if its standby
   * is one of the synchronous ones, it releases every commit the synchronous standbys have
   * now all confirmed; a walsender whose standby is not synchronous releases nothing. Nothing
   * else releases a commit: not a new commit, and not a walsender exiting. So when the first
   * standby of FIRST 1 drops out, the waiting commits go on waiting until the next one replies
   * (to new WAL, to a keepalive, or at wal_receiver_status_interval). Measured on PostgreSQL 15
   * (scripts/pg-silent-cut.sh, four runs): the walsender gave up 4.0 s after a silent cut, and
   * the commits were released 0.27 to 0.46 s later, at the next standby's next reply.
   */
  function replyFrom(primary: DbNode, replica: DbNode): void {
    const sync = syncStandbys(primary);
    if (!sync.includes(replica.index)) return;
    const k = config.waitFor;
    if (config.quorum === 'first' && sync.length < k) return;
    const lsn = config.quorum === 'any' ? waiting.kthHighest(sync, k) : Math.min(...sync.map((i) => waiting.ackedLsn.get(i) ?? 0));
    if (lsn > confirmedLsn) confirmedLsn = lsn;
    waiting.releaseThrough(confirmedLsn);
  }

  return {
    ackOn: config.ackOn,
    // A new commit waits for a reply that confirms it, unless one already has
    // (SyncRepWaitForLSN returns at once when the LSN is at or below WalSndCtl->lsn).
    committed(primary, entry, op) {
      syncStandbys(primary);
      waiting.add(primary, entry, op);
      waiting.releaseThrough(confirmedLsn);
    },
    replicaAcked(primary, replica, position) {
      waiting.ack(replica, position);
      replyFrom(primary, replica);
    },
    standbyReplied(primary, replica) {
      replyFrom(primary, replica);
    },
    // A standby whose walsender exited no longer counts (pg_stat_replication shows the next one
    // by priority as sync at once), but the commits wait for that one's next reply.
    standbysChanged(primary) {
      syncStandbys(primary);
    },
    reset() {
      waiting.clear();
      reported = null;
      confirmedLsn = 0;
    },
    status: () => (waiting.size > 0 ? `sync (${waiting.size} commits waiting)` : 'sync'),
  };
}
