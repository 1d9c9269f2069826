import type { ReplicationConfig } from '../config.ts';
import type { DbNode } from '../node.ts';
import type { CommitActions, ReplicationModeLogic } from './mode.ts';
import { WaitingCommits } from './waiting-commits.ts';

/**
 * MySQL semi-synchronous replication. A commit waits until `waitFor` replicas acknowledge
 * it (rpl_semi_sync_master_wait_for_slave_count), received or flushed or applied (`ackOn`).
 * With `waitPoint: after-sync` (AFTER_SYNC, the default since 5.7) the write becomes
 * visible only after the acknowledgements, so no client can read a write that a failover
 * then loses; with `after-commit` it is visible at once. If the oldest waiting commit has
 * waited `timeout` (rpl_semi_sync_master_timeout, 10 s), the primary falls back to async
 * and releases everything; it returns to semi-sync when enough replicas have caught up.
 */
export function semiSyncMode(config: ReplicationConfig, actions: CommitActions): ReplicationModeLogic {
  const waiting = new WaitingCommits(actions, config.waitPoint === 'after-commit');
  let fellBack = false;
  let timerFor = -1; // LSN whose timeout is scheduled

  function armTimeout(primary: DbNode): void {
    const oldest = waiting.oldest();
    if (!oldest || oldest.lsn === timerFor) return;
    timerFor = oldest.lsn;
    const due = oldest.commitUs + config.timeoutUs;
    actions.after(Math.max(0, due - actions.now()), () => {
      if (fellBack || waiting.oldest() !== oldest) return;
      fellBack = true;
      timerFor = -1;
      actions.modeStateChanged(primary, false, waiting.size, 'timeout');
      waiting.releaseAll();
    });
  }

  function caughtUpReplicas(primary: DbNode): number {
    let n = 0;
    for (const pos of waiting.ackedLsn.values()) if (pos >= primary.log.lastLsn) n++;
    return n;
  }

  return {
    ackOn: config.ackOn,
    committed(primary, entry, op) {
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
        if (caughtUpReplicas(primary) >= config.waitFor) {
          fellBack = false;
          actions.modeStateChanged(primary, true, 0, 'caught-up');
        }
        return;
      }
      const all = [...waiting.ackedLsn.keys()];
      waiting.releaseThrough(waiting.kthHighest(all, config.waitFor));
      armTimeout(primary);
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
