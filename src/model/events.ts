import type { Scheduled } from '../sim/event-queue.ts';
import type { Envelope } from './envelope.ts';
import type { DbNode } from './node.ts';

/**
 * Queue tags, one per event kind: the world dispatches on these numbers rather than on a
 * field of the event, because events of different shapes would make that read slow (and
 * the events carry no kind field at all: the smaller they are, the less there is to collect).
 */
export const TAG_DELIVER = 0;
export const TAG_COMMIT = 1;
export const TAG_APPLY = 2;
export const TAG_FLUSH = 3;
export const TAG_ARRIVAL = 4;
export const TAG_TIMER = 5;

/** A node's log writer finishes one flush: the first `groupSize` writes of its queue commit (group commit). */
export interface CommitDone extends Scheduled {
  node: DbNode;
  incarnation: number;
  groupSize: number;
}

/** A replica's applier finishes applying an entry. */
export interface ApplyDone extends Scheduled {
  node: DbNode;
  lsn: number;
  incarnation: number;
  /** Still in the queue: the object may not be reused for another apply yet. */
  queued: boolean;
}

/** A replica finishes writing a received entry to its relay log. */
export interface FlushDone extends Scheduled {
  node: DbNode;
  lsn: number;
  incarnation: number;
}

/** A client group's next write or read arrives. */
export interface Arrival extends Scheduled {
  groupIndex: number;
  op: 'write' | 'read';
}

/** Anything rarer (faults, follow-up reads, heartbeats, timeouts): a callback. */
export interface Timer extends Scheduled {
  run: () => void;
}

export type WorldEvent = Envelope | CommitDone | ApplyDone | FlushDone | Arrival | Timer;
