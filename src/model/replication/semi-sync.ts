import type { ReplicationConfig } from '../config.ts';
import type { DbNode } from '../node.ts';
import type { CommitActions, ReplicationModeLogic } from './mode.ts';
import { WaitingCommits } from './waiting-commits.ts';

/**
 * MySQL semi-synchronous replication. A commit waits until `waitFor` semi-sync replicas
 * acknowledge it (rpl_semi_sync_source_wait_for_replica_count), received or flushed or
 * applied (`ackOn`). Only replicas with semi-sync enabled (rpl_semi_sync_replica_enabled;
 * here `standbys`) send acknowledgements the source counts; the others replicate
 * asynchronously. With `waitPoint: after-sync` (AFTER_SYNC, the default since 5.7) the write
 * becomes visible only after the acknowledgements, so no client can read a write that a
 * failover then loses; with `after-commit` it is visible at once.
 *
 * Falling back to async and coming back are the primary's own decisions (MySQL
 * plugin/semisync/semisync_source.cc; MariaDB sql/semisync_master.cc, same logic):
 * - if the oldest waiting commit has waited `timeout` (rpl_semi_sync_source_timeout, 10 s),
 *   it switches off and releases everything (ReplSemiSyncMaster::commitTrx → switch_off);
 * - with `waitNoReplica: false` (rpl_semi_sync_source_wait_no_replica = OFF), it switches off
 *   at once when fewer semi-sync replicas are connected than waitFor (remove_slave when a
 *   dump thread ends, and commitTrx's check before waiting); with true (ON, the default) it
 *   keeps waiting until the timeout;
 * - it switches back on when enough semi-sync replicas have acknowledged everything committed
 *   (try_switch_on on a reply at or past the current position).
 */
export function semiSyncMode(
  config: ReplicationConfig,
  actions: CommitActions,
  /** Node indexes of the semi-sync replicas (`standbys`). */
  standbys: number[],
): ReplicationModeLogic {
  const waiting = new WaitingCommits(actions, config.waitPoint === 'after-commit');
  let fellBack = false;
  let timerFor = -1; // LSN whose timeout is scheduled

  function fallBack(primary: DbNode, cause: 'timeout' | 'no-replica'): void {
    fellBack = true;
    timerFor = -1;
    actions.modeStateChanged(primary, false, waiting.size, cause);
    waiting.releaseAll();
  }

  function armTimeout(primary: DbNode): void {
    const oldest = waiting.oldest();
    if (!oldest || oldest.lsn === timerFor) return;
    timerFor = oldest.lsn;
    const due = oldest.commitUs + config.timeoutUs;
    actions.after(Math.max(0, due - actions.now()), () => {
      if (fellBack || waiting.oldest() !== oldest) return;
      fallBack(primary, 'timeout');
    });
  }

  /** The semi-sync replicas other than the primary itself (after a failover it may be one). */
  function candidates(primary: DbNode): number[] {
    return standbys.filter((i) => i !== primary.index);
  }

  /** With waitNoReplica off: too few semi-sync replicas are connected to wait for. */
  function tooFewConnected(primary: DbNode): boolean {
    if (config.waitNoReplica) return false;
    let n = 0;
    for (const i of standbys) if (i !== primary.index && primary.streamTo[i]) n++;
    return n < config.waitFor;
  }

  function caughtUpReplicas(primary: DbNode): number {
    let n = 0;
    for (const i of standbys) if (i !== primary.index && (waiting.ackedLsn.get(i) ?? 0) >= primary.log.lastLsn) n++;
    return n;
  }

  return {
    ackOn: config.ackOn,
    committed(primary, entry, op) {
      if (!fellBack && tooFewConnected(primary)) fallBack(primary, 'no-replica');
      if (fellBack) {
        actions.makeVisible(primary, entry);
        actions.ackClient(primary, op, entry);
        return;
      }
      waiting.add(primary, entry, op);
      armTimeout(primary);
    },
    replicaAcked(primary, replica, position) {
      waiting.ack(replica, position);
      if (fellBack) {
        if (caughtUpReplicas(primary) >= config.waitFor && !tooFewConnected(primary)) {
          fellBack = false;
          actions.modeStateChanged(primary, true, 0, 'caught-up');
        }
        return;
      }
      waiting.releaseThrough(waiting.kthHighest(candidates(primary), config.waitFor));
      armTimeout(primary);
    },
    streamClosed(primary) {
      if (!fellBack && primary.role === 'primary' && tooFewConnected(primary)) fallBack(primary, 'no-replica');
    },
    reset(primary) {
      waiting.clear();
      timerFor = -1;
      if (!fellBack) return;
      fellBack = false;
      actions.modeStateChanged(primary, true, 0, 'reset');
    },
    status: () => (fellBack ? 'semi-sync (fell back to async)' : 'semi-sync'),
  };
}
