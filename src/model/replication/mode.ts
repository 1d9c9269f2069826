import type { LogEntry } from '../log-entry.ts';
import type { DbNode } from '../node.ts';
import type { WriteOp } from '../ops.ts';

/** What a replication mode can ask of the world. */
export interface CommitActions {
  /** Make the entry visible in the primary's data (reads on the primary see it). */
  makeVisible(primary: DbNode, entry: LogEntry): void;
  /** Send the client its success acknowledgement. */
  ackClient(primary: DbNode, op: WriteOp, entry: LogEntry): void;
  now(): number;
  /** Schedules a callback (timeouts). */
  after(delayUs: number, run: () => void): void;
  /** Records a mode change the learner should see (e.g. semi-sync falling back to async). */
  note(primary: DbNode, text: string): void;
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
  /** The node stopped being primary: forget waiting commits (their clients time out). */
  reset(): void;
  /** Short description for the visualizer, e.g. "semi-sync (fell back to async)". */
  status(): string;
}
