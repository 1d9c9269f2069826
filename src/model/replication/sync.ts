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

  function report(primary: DbNode, set: number[]): void {
    if (reported && reported.length === set.length && reported.every((v, i) => v === set[i])) return;
    reported = set;
    actions.syncStandbysChanged(primary, set);
  }

  function releasable(primary: DbNode): number {
    const candidates = standbys.filter((i) => i !== primary.index);
    const k = config.waitFor;
    if (config.quorum === 'any') {
      report(primary, candidates);
      return waiting.kthHighest(candidates, k);
    }
    // FIRST k: the k highest-priority standbys that currently have a live stream.
    const sync = candidates.filter((i) => primary.streamTo[i]).slice(0, k);
    report(primary, sync);
    if (sync.length < k) return 0;
    return Math.min(...sync.map((i) => waiting.ackedLsn.get(i) ?? 0));
  }

  return {
    ackOn: config.ackOn,
    committed(primary, entry, op) {
      waiting.add(primary, entry, op);
      waiting.releaseThrough(releasable(primary));
    },
    replicaAcked(primary, replica, position) {
      waiting.ack(replica, position);
      waiting.releaseThrough(releasable(primary));
    },
    // A standby whose walsender exited no longer counts; the next one by priority may (syncrep.c
    // SyncRepReleaseWaiters runs again as walsenders come and go).
    standbysChanged(primary) {
      waiting.releaseThrough(releasable(primary));
    },
    reset() {
      waiting.clear();
      reported = null;
    },
    status: () => (waiting.size > 0 ? `sync (${waiting.size} commits waiting)` : 'sync'),
  };
}
