import type { CommitActions, ReplicationModeLogic } from './mode.ts';

/**
 * Asynchronous replication (MySQL's default; PostgreSQL without synchronous_standby_names):
 * the primary makes the write visible and acknowledges it as soon as it commits locally.
 * Whatever has not reached a replica when the primary dies is lost on failover.
 */
export function asyncMode(actions: CommitActions): ReplicationModeLogic {
  return {
    ackOn: 'none',
    committed(primary, entry, op) {
      actions.makeVisible(primary, entry);
      actions.ackClient(primary, op, entry);
    },
    replicaAcked() {},
    reset() {},
    status: () => 'async',
  };
}
