import type { LogEntry } from '../log-entry.ts';
import type { DbNode } from '../node.ts';
import type { WriteOp } from '../ops.ts';
import type { ModeStateCause } from '../trace.ts';

/** What a replication mode can ask of the world. */
export interface CommitActions {
  /** Make the entry visible in the primary's data (reads on the primary see it). */
  makeVisible(primary: DbNode, entry: LogEntry): void;
  /** Send the client its success acknowledgement. */
  ackClient(primary: DbNode, op: WriteOp, entry: LogEntry): void;
  now(): number;
  /** Schedules a callback (timeouts). */
  after(delayUs: number, run: () => void): void;
  /**
   * The primary's commits start (`waiting`) or stop waiting for replicas: semi-sync falls back
   * to async or comes back; `waitingCommits` are the commits waiting at that moment.
   */
  modeStateChanged(primary: DbNode, waiting: boolean, waitingCommits: number, cause: ModeStateCause): void;
  /** The standbys a sync primary waits on changed (node indexes, in priority order). */
  syncStandbysChanged(primary: DbNode, standbys: readonly number[]): void;
}

/**
 * When a primary acknowledges a write and when the write becomes visible: the promise a
 * replication mode makes. One mode per file.
 */
export interface ReplicationModeLogic {
  /** What replicas acknowledge: nothing (async) or a position after receive/flush/apply. */
  readonly ackOn: 'none' | 'receive' | 'flush' | 'apply';
  committed(primary: DbNode, entry: LogEntry, op: WriteOp): void;
  replicaAcked(primary: DbNode, replica: DbNode, position: number): void;
  /** The primary saw the replication stream to one of its replicas close (optional). */
  streamClosed?(primary: DbNode): void;
  /**
   * The primary's end of a replication connection closed (timeout, reset): a mode that
   * counts connected standbys (sync FIRST k) looks again. Optional: the others ignore it.
   */
  standbysChanged?(primary: DbNode): void;
  /**
   * A standby's status reply without a new acknowledgement reached the primary (an answer to
   * a keepalive, a periodic status reply, a reply that pg_stat_replication reads): a sync
   * primary releases commits on every reply (sync.ts). Optional: the others ignore it.
   */
  standbyReplied?(primary: DbNode, replica: DbNode): void;
  /**
   * `node` stopped being primary (or is becoming one): forget waiting commits (their
   * clients time out) and start again in the mode's normal state.
   */
  reset(node: DbNode): void;
  /** Short description for the visualizer, e.g. "semi-sync (fell back to async)". */
  status(): string;
}
