import { TAG_COMMIT } from './events.ts';
import type { CommitDone } from './events.ts';
import type { LogEntry } from './log-entry.ts';
import type { Message } from './message.ts';
import type { DbNode } from './node.ts';
import type { WriteOp } from './ops.ts';
import type { CommitActions } from './replication/mode.ts';
import { makeVersion } from './version.ts';
import type { World } from './world.ts';
import { roundUs } from '../sim/time.ts';

/**
 * How often (in commits) the logs are pruned of entries every node has applied. Often enough
 * that an entry and its write are let go a few hundred writes later: held for thousands, they
 * made megabytes of live objects that crowded the CPU caches (pruning every 256 commits
 * instead of 4,096 measured 6–7% less time per event; the garbage collector's work hardly
 * changed).
 */
const PRUNE_EVERY_COMMITS = 256;

/**
 * The primary's side of replication: a single log writer that commits writes one at a time,
 * ships each committed entry to every replica with an open stream, and hands the entry to
 * the replication mode, which decides when the write becomes visible and is acknowledged.
 */
export class PrimaryLogic {
  private commitsSincePrune = 0;

  constructor(private readonly w: World) {}

  readonly commitActions: CommitActions = {
    makeVisible: (primary, entry) => primary.applyToData(entry),
    ackClient: (primary, op, _entry) => this.replyWrite(primary, op, ''),
    now: () => this.w.now,
    after: (delayUs, run) => this.w.after(delayUs, run),
    modeStateChanged: (primary, waiting, waitingCommits, cause) => this.w.observer.modeStateChanged(primary, waiting, waitingCommits, cause, this.w.now),
    syncStandbysChanged: (primary, standbys) => this.w.observer.syncStandbysChanged(primary, standbys.map((i) => this.w.nodes[i].id), this.w.now),
  };

  receiveWrite(node: DbNode, op: WriteOp): void {
    if (node.role !== 'primary') return this.replyWrite(node, op, 'rejected: not the primary');
    const refusal = this.writeGate(node); // may fence or unfence the node (min-replicas)
    if (refusal !== null) return this.replyWrite(node, op, refusal);
    if (node.fenced) return this.replyWrite(node, op, 'rejected: primary is fenced');
    node.commitQueue.push(op);
    if (!node.committing) this.startCommit(node);
  }

  private startCommit(node: DbNode): void {
    node.committing = true;
    const ev: CommitDone = {
      time: this.w.now + roundUs(node.commitSample() * node.commitFactor),
      node,
      incarnation: node.incarnation,
    };
    this.w.queue.schedule(ev, ev.time, TAG_COMMIT);
  }

  commitDone(ev: CommitDone): void {
    const node = ev.node;
    if (ev.incarnation !== node.incarnation) return; // the node restarted meanwhile
    const op = node.commitQueue[node.commitHead++];
    if (node.commitHead > 1024 && node.commitHead * 2 > node.commitQueue.length) {
      node.commitQueue.splice(0, node.commitHead);
      node.commitHead = 0;
    }
    if (node.role === 'primary' && !node.fenced) this.commit(node, op);
    else this.replyWrite(node, op, 'rejected: no longer the primary');
    if (node.commitHead < node.commitQueue.length) this.startCommit(node);
    else node.committing = false;
  }

  private commit(node: DbNode, op: WriteOp): void {
    const w = this.w;
    const lsn = node.log.lastLsn + 1;
    const keySeq = node.keys.logKeySeq(op.key) + 1;
    const entry: LogEntry = {
      lsn,
      term: node.term,
      key: op.key,
      version: makeVersion(node.term, lsn),
      keySeq,
      commitUs: w.now,
      op,
    };
    node.log.append(entry);
    node.keys.setLogKeySeq(op.key, keySeq);
    node.flushedLsn = lsn;
    op.lsn = lsn;
    op.term = node.term;
    op.version = entry.version;
    op.keySeq = keySeq;
    w.observer.writeCommitted(node, entry, w.now);
    if (node.term < w.clusterTerm) {
      // Split brain: a deposed primary that has not heard of the newer term still commits.
      // Its branch is already abandoned, so the write is doomed the moment it commits.
      op.discarded = true;
      w.observer.entriesRolledBack(node, [entry], w.now);
    }
    this.ship(node, entry);
    w.modeOf(node).committed(node, entry, op);
    if (++this.commitsSincePrune >= PRUNE_EVERY_COMMITS) this.pruneLogs();
  }

  /** Sends the entry down every open replication stream. */
  private ship(primary: DbNode, entry: LogEntry): void {
    const nodes = this.w.nodes;
    for (let i = 0; i < nodes.length; i++) {
      if (primary.streamTo[i]) this.sendEntry(primary, nodes[i], entry);
    }
  }

  sendEntry(primary: DbNode, replica: DbNode, entry: LogEntry): void {
    this.w.transmit('log', primary, replica, entry, null, null, entry.lsn, 0, '', primary.term);
  }

  replyWrite(node: DbNode, op: WriteOp, outcome: string): void {
    const group = this.w.groups[op.groupIndex];
    this.w.transmit('write-ack', node, group, null, op, null, op.lsn, 0, outcome, node.term);
  }

  receiveAck(primary: DbNode, msg: Message): void {
    if (primary.role !== 'primary' || msg.term !== primary.term) return;
    const replica = msg.fromEp as DbNode;
    this.w.modeOf(primary).replicaAcked(primary, replica, msg.position);
  }

  /** A replica (re)subscribes: stream to it from the position after the one it holds. */
  receiveControl(node: DbNode, msg: Message): void {
    if (msg.note !== 'subscribe') {
      this.w.controlHandlers.get(msg.note)?.(msg);
      return;
    }
    const replica = this.w.nodeById.get(msg.from)!;
    if (msg.fromIncarnation !== replica.incarnation || replica.upstream !== node) return; // a stale request
    // A demoted primary refuses (as a server that is itself a replica would), so the replica
    // learns that it follows the wrong node instead of waiting for a stream that never comes.
    if (node.role !== 'primary') return void this.w.send('control', node, replica, { note: 'not-primary', term: node.term });
    const held = node.log.at(msg.position);
    const diverged = msg.position > node.log.lastLsn || (held !== undefined && held.term !== msg.term);
    if (diverged && this.onDivergentSubscriber(node, replica, msg)) return;
    node.streamTo[replica.index] = true;
    this.onSubscribed(node, replica);
    for (let lsn = msg.position + 1; lsn <= node.log.lastLsn; lsn++) {
      const entry = node.log.at(lsn);
      if (entry) this.sendEntry(node, replica, entry);
    }
  }

  /**
   * A subscriber holds entries this primary does not (a deposed primary, or a replica that
   * received what a lost branch shipped). The failover module replaces this to roll the
   * subscriber back; returning true means it took over.
   */
  onDivergentSubscriber: (primary: DbNode, replica: DbNode, msg: Message) => boolean = () => false;

  /** A replica's stream was opened from a position this primary holds (failover bookkeeping). */
  onSubscribed: (primary: DbNode, replica: DbNode) => void = () => {};

  /** Fencing (min-replicas): a reason to refuse a write, or null to accept it. */
  writeGate: (primary: DbNode) => string | null = () => null;

  /** Lowest LSN pruning must keep (entries past a failover's fork not yet rolled back). */
  pruneCeiling: () => number = () => Infinity;

  /** Drops log entries that every node has already applied, so memory stays flat. */
  private pruneLogs(): void {
    this.commitsSincePrune = 0;
    // Kept from the oldest position any node may still ask for: a node's stream resumes
    // after the last entry its log holds, which after a crash (unflushed entries lost) can
    // be below what it had applied; like a replication slot's restart point.
    let floor = Infinity;
    for (const n of this.w.nodes) floor = Math.min(floor, n.appliedLsn, n.log.lastLsn);
    floor = Math.min(floor, this.pruneCeiling());
    for (const n of this.w.nodes) n.log.pruneThrough(Math.min(floor, n.appliedLsn));
  }
}
