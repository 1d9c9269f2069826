import type { LogEntry } from './log-entry.ts';
import type { Envelope } from './envelope.ts';
import type { DbNode } from './node.ts';
import type { ReadOp, WriteOp } from './ops.ts';
import type { MonitorSample } from './monitor/lag-monitor.ts';
import type { ConnCloseCause, ConnEnd, FailoverStep, FenceCause, LinkCause, ModeStateCause, PrimaryChangeCause, RollbackSource } from './trace.ts';

/**
 * Everything the world reports as it happens. Metrics and the trace writer implement it;
 * they observe only and never change the world. Calls are synchronous and carry the
 * world's objects, so `now` is the world's clock at the time of the call.
 */
export interface WorldObserver {
  writeIssued(op: WriteOp, to: string, now: number): void;
  writeCommitted(node: DbNode, entry: LogEntry, now: number): void;
  writeAcked(op: WriteOp, now: number): void;
  writeFailed(op: WriteOp, reason: string, now: number): void;
  entryReceived(node: DbNode, entry: LogEntry, now: number): void;
  entryApplied(node: DbNode, entry: LogEntry, now: number): void;
  readIssued(op: ReadOp, now: number): void;
  readServed(op: ReadOp, node: DbNode, now: number): void;
  readCompleted(op: ReadOp, now: number): void;
  readFailed(op: ReadOp, reason: string, now: number): void;
  messageSent(msg: Envelope, now: number): void;
  messageDropped(msg: Envelope, reason: string, now: number): void;
  /** A node's role, liveness or term changed. */
  nodeChanged(node: DbNode, now: number): void;
  /** The cluster's primary changed (`start` at t = 0, then failover, switchover or promote). */
  primaryChanged(node: DbNode | null, previous: DbNode | null, cause: PrimaryChangeCause, now: number): void;
  /** One direction of a link went down or came up. */
  linkChanged(from: string, to: string, up: boolean, cause: LinkCause, now: number): void;
  /** One direction of a link was degraded, or restored (factor 1, loss 0, no extra delay). */
  linkQualityChanged(from: string, to: string, latencyFactor: number, loss: number, extraDelay: boolean, now: number): void;
  /**
   * The send queue from → to holds `queuedBytes` and would be empty at `drainsAtUs` (links
   * with a bandwidth only; optional for observers that ignore it).
   */
  linkBacklog?(from: string, to: string, queuedBytes: number, drainsAtUs: number, now: number): void;
  /** A primary's commits start or stop waiting for replicas (semi-sync off/on). */
  modeStateChanged(node: DbNode, waiting: boolean, waitingCommits: number, cause: ModeStateCause, now: number): void;
  /** The synchronous standbys a sync primary waits on changed. */
  syncStandbysChanged(node: DbNode, standbys: readonly string[], now: number): void;
  /** `node`'s log was cut back from `fromLsn` to `toLsn` to match `primary`'s history. */
  rolledBack(node: DbNode, primary: DbNode, fromLsn: number, toLsn: number, source: RollbackSource, now: number): void;
  /** A primary stopped (fenced) or resumed accepting writes. */
  fenceChanged(node: DbNode, fenced: boolean, cause: FenceCause, now: number): void;
  fault(kind: string, nodes: string[], detail: string, now: number): void;
  /**
   * `node`'s log now ends at `lastLsn`: what it held past that is gone (a crash lost unflushed
   * entries, or a rollback). A physical fact, not a verdict; the lost-write checker needs it.
   */
  logTruncated(node: DbNode, lastLsn: number, now: number): void;
  failoverStep(step: FailoverStep, detail: FailoverStepDetail, now: number): void;
  /** The lag monitor sampled a replica (optional: observers that ignore it may omit it). */
  monitorSampled?(sample: MonitorSample, now: number): void;
  /**
   * A parallel applier's coordinator handed `entry` to a worker (applyWorkers > 1 only): it
   * starts at `startUs` (once flushed here), after every entry up to `dependsOnLsn` was applied.
   */
  applyStarted?(node: DbNode, entry: LogEntry, startUs: number, dependsOnLsn: number, now: number): void;
  /** One end of a replication connection closed by a timeout or a reset (optional). */
  connectionClosed?(primary: DbNode, replica: DbNode, end: ConnEnd, cause: ConnCloseCause, now: number): void;
  /**
   * flavor mysql: `node`, a replaced primary that reported in, is left out; it holds the
   * entries `forkLsn`+1 … `lastLsn` that `primary`'s history lacks (errant transactions).
   */
  errantFound?(node: DbNode, primary: DbNode, forkLsn: number, lastLsn: number, now: number): void;
  /** A replica holds a read until it has applied the read's token `op.minVersion`. */
  readHeld?(op: ReadOp, node: DbNode, now: number): void;
  /** A held read timed out at `from`; it is retried on the primary `to`. */
  readFellBack?(op: ReadOp, from: string, to: string, now: number): void;
  /** A write waits on primary `node` for its row's lock, held by the earlier write with id `holder`. */
  lockWaited?(node: DbNode, op: WriteOp, holder: number, now: number): void;
  /** A waiting write got its row's lock after waiting `waitedUs`; it goes on to commit. */
  lockGranted?(node: DbNode, op: WriteOp, waitedUs: number, now: number): void;
  /** `node` stopped acting as primary: its row locks are dropped and `waiting` waiting writes forgotten. */
  locksDropped?(node: DbNode, waiting: number, now: number): void;
}

export interface FailoverStepDetail {
  from?: string;
  to?: string;
  term?: number;
  text: string;
  /** 'detected': when the failure began, if the manager can tell (else detection start). */
  failedAtUs?: number;
}

/** An observer that ignores everything; extend it to listen to a few calls. */
export class NullObserver implements WorldObserver {
  writeIssued(): void {}
  writeCommitted(): void {}
  writeAcked(): void {}
  writeFailed(): void {}
  entryReceived(): void {}
  entryApplied(): void {}
  readIssued(): void {}
  readServed(): void {}
  readCompleted(): void {}
  readFailed(): void {}
  messageSent(): void {}
  messageDropped(): void {}
  nodeChanged(): void {}
  primaryChanged(): void {}
  linkChanged(): void {}
  linkQualityChanged(): void {}
  modeStateChanged(): void {}
  syncStandbysChanged(): void {}
  rolledBack(): void {}
  fenceChanged(): void {}
  logTruncated(): void {}
  fault(): void {}
  failoverStep(): void {}
}
