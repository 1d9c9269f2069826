import type { CommitDone } from './events.ts';
import type { LogEntry } from './log-entry.ts';
import type { DivergedMsg, LogMsg, ReplAckMsg, SubscribeMsg, TermStart, WriteAckMsg, WriteMsg, WriteRefusal } from './message.ts';
import type { DbNode } from './node.ts';
import type { WriteOp } from './ops.ts';
import type { CommitActions } from './replication/mode.ts';
import { makeVersion } from './version.ts';
import { LocalFlush } from './replication/local-flush.ts';
import type { World } from './world-api.ts';
import { compactCommitQueue, startFlush } from './primary/group-commit.ts';
import { RowLocks } from './primary/row-locks.ts';

/**
 * How often (in commits) the logs are pruned of entries every node has applied. Often enough
 * that an entry and its write are let go a few hundred writes later: held for thousands, they
 * made megabytes of live objects that crowded the CPU caches (pruning every 256 commits
 * instead of 4,096 measured 6–7% less time per event; the garbage collector's work hardly
 * changed).
 */
const PRUNE_EVERY_COMMITS = 256;

/**
 * What failover and fencing decide for a primary, wired in when the world is built.
 */
export interface PrimaryPolicy {
  /** Fencing (min-replicas): a reason to refuse a write, or null to accept it. May fence or unfence. */
  writeRefusal(primary: DbNode): WriteRefusal | null;
  /**
   * Whether a subscriber that holds entries this primary does not (a deposed primary, or a
   * replica that received what a lost branch shipped) is told so (`diverged`) and rolls
   * itself back, rather than being streamed to from its own position.
   */
  rollsBackDivergent(): boolean;
  /** A replica's stream was opened from a position this primary holds. */
  subscribed(primary: DbNode, replica: DbNode): void;
  /** Lowest LSN pruning must keep (entries past a failover's fork not yet rolled back). */
  pruneCeiling(): number;
}

/**
 * The primary's side of replication: a write takes its row's lock (primary/row-locks.ts), then
 * a single log writer commits writes in groups, one flush per group (primary/group-commit.ts),
 * ships each committed entry to every replica with an open stream, and hands the entry to
 * the replication mode, which decides when the write becomes visible and is acknowledged.
 */
export class PrimaryLogic {
  private commitsSincePrune = 0;
  /** Row locks per node index, made when the node first takes writes as a primary. */
  private readonly rowLocks: (RowLocks | undefined)[] = [];

  constructor(
    private readonly w: World,
    private readonly policy: PrimaryPolicy,
  ) {
    this.localFlush = new LocalFlush(w, (primary, from, to) => {
      for (let lsn = from + 1; lsn <= to; lsn++) {
        const entry = primary.log.at(lsn);
        if (entry) this.ship(primary, entry);
      }
    });
  }

  /** When the primary's own log is flushed: at commit, or later by a background writer. */
  private readonly localFlush: LocalFlush;

  readonly commitActions: CommitActions = {
    makeVisible: (primary, entry) => {
      primary.applyToData(entry);
      this.releaseLock(primary, entry.op);
    },
    ackClient: (primary, op, _entry) => this.replyWrite(primary, op, 'ok'),
    now: () => this.w.now,
    after: (delayUs, run) => this.w.after(delayUs, run),
    modeStateChanged: (primary, waiting, waitingCommits, cause) => this.w.observer.modeStateChanged(primary, waiting, waitingCommits, cause, this.w.now),
    syncStandbysChanged: (primary, standbys) => this.w.observer.syncStandbysChanged(primary, standbys.map((i) => this.w.nodes[i].id), this.w.now),
  };

  receiveWrite(node: DbNode, msg: WriteMsg): void {
    const op = msg.op;
    if (node.role !== 'primary') return this.replyWrite(node, op, 'not-primary');
    const refusal = this.policy.writeRefusal(node); // may fence or unfence the node (min-replicas)
    if (refusal !== null) return this.replyWrite(node, op, refusal);
    if (node.fenced) return this.replyWrite(node, op, 'fenced');
    const locks = (this.rowLocks[node.index] ??= new RowLocks(this.w.config.keyCount));
    if (!locks.acquire(op)) {
      op.lockSinceUs = this.w.now;
      this.w.observer.lockWaited?.(node, op, locks.holder(op.key), this.w.now);
      return;
    }
    this.queueCommit(node, op);
  }

  private queueCommit(node: DbNode, op: WriteOp): void {
    node.commitQueue.push(op);
    if (!node.committing) startFlush(this.w, node);
  }

  /** `op`'s transaction ended on `node`: its row lock passes to the next waiting write, if any. */
  private releaseLock(node: DbNode, op: WriteOp): void {
    const next = this.rowLocks[node.index]?.release(op);
    if (!next) return;
    this.w.observer.lockGranted?.(node, next, this.w.now - (next.lockSinceUs ?? this.w.now), this.w.now);
    this.queueCommit(node, next);
  }

  /** `node` stops acting as a primary (its replication mode is reset): its row locks go with its sessions. */
  dropLocks(node: DbNode): void {
    const locks = this.rowLocks[node.index];
    if (!locks) return;
    const waiting = locks.clear();
    if (waiting > 0) this.w.observer.locksDropped?.(node, waiting, this.w.now);
  }

  /** One flush ends: its group commits, in queue order, and the next flush takes whatever queued meanwhile. */
  commitDone(ev: CommitDone): void {
    const node = ev.node;
    if (ev.incarnation !== node.incarnation) return; // the node restarted meanwhile
    const queue = node.commitQueue;
    const first = node.commitHead;
    const end = first + ev.groupSize;
    node.commitHead = end;
    const group = node.log.lastLsn + 1;
    for (let i = first; i < end; i++) {
      const op = queue[i];
      if (node.role === 'primary' && !node.fenced) this.commit(node, op, group);
      else {
        this.replyWrite(node, op, 'no-longer-primary');
        this.releaseLock(node, op);
      }
    }
    compactCommitQueue(node);
    if (node.commitHead < node.commitQueue.length) startFlush(this.w, node);
    else node.committing = false;
  }

  private commit(node: DbNode, op: WriteOp, commitGroup: number): void {
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
      commitGroup,
      op,
    };
    node.log.append(entry);
    node.keys.setLogKeySeq(op.key, keySeq);
    const durable = this.localFlush.committed(node, lsn); // replication/local-flush.ts
    op.lsn = lsn;
    op.term = node.term;
    op.version = entry.version;
    op.keySeq = keySeq;
    w.observer.writeCommitted(node, entry, w.now);
    if (durable) this.ship(node, entry);
    w.modeOf(node).committed(node, entry, op);
    if (++this.commitsSincePrune >= PRUNE_EVERY_COMMITS) this.pruneLogs();
  }

  /** Sends the entry down every open replication stream (one payload, shared: it is immutable). */
  private ship(primary: DbNode, entry: LogEntry): void {
    const nodes = this.w.nodes;
    let msg: LogMsg | null = null;
    for (let i = 0; i < nodes.length; i++) {
      if (primary.streamTo[i]) this.w.send(primary, nodes[i], (msg ??= { type: 'log', entry }));
    }
  }

  sendEntry(primary: DbNode, replica: DbNode, entry: LogEntry): void {
    this.w.send(primary, replica, { type: 'log', entry });
  }

  replyWrite(node: DbNode, op: WriteOp, outcome: WriteAckMsg['outcome']): void {
    const reply: WriteAckMsg = { type: 'write-ack', op, outcome };
    this.w.send(node, this.w.groups[op.groupIndex], reply);
  }

  receiveAck(primary: DbNode, replica: DbNode, msg: ReplAckMsg): void {
    this.w.connections.heardFromReplica(primary, replica);
    if (primary.role !== 'primary' || msg.term !== primary.term) return;
    this.w.modeOf(primary).replicaAcked(primary, replica, msg.lsn);
  }

  /** A replica (re)subscribes: stream to it from the position after the one it holds. */
  receiveSubscribe(node: DbNode, replica: DbNode, msg: SubscribeMsg): void {
    // A demoted primary refuses (as a server that is itself a replica would), so the replica
    // learns that it follows the wrong node instead of waiting for a stream that never comes.
    if (node.role !== 'primary') return this.w.send(node, replica, { type: 'not-primary', term: node.term });
    const held = node.log.at(msg.lastLsn);
    const diverged = msg.lastLsn > node.log.lastLsn || (held !== undefined && held.term !== msg.lastTerm);
    if (diverged && this.policy.rollsBackDivergent()) return this.w.send(node, replica, divergedAnswer(node));
    this.w.streams.accept(node, replica);
    this.policy.subscribed(node, replica);
    for (let lsn = msg.lastLsn + 1, last = this.localFlush.shippableLsn(node); lsn <= last; lsn++) {
      const entry = node.log.at(lsn);
      if (entry) this.sendEntry(node, replica, entry);
    }
  }

  /** Drops log entries that every node has already applied, so memory stays flat. */
  private pruneLogs(): void {
    this.commitsSincePrune = 0;
    // Kept from the oldest position any node may still ask for: a node's stream resumes
    // after the last entry its log holds, which after a crash (unflushed entries lost) can
    // be below what it had applied; like a replication slot's restart point.
    let floor = Infinity;
    for (const n of this.w.nodes) floor = Math.min(floor, n.appliedLsn, n.log.lastLsn);
    floor = Math.min(floor, this.policy.pruneCeiling());
    for (const n of this.w.nodes) n.log.pruneThrough(Math.min(floor, n.appliedLsn));
  }
}

/** The primary's answer to a divergent subscribe: its own log's term history and key values. */
function divergedAnswer(primary: DbNode): DivergedMsg {
  const log = primary.log;
  const termStarts: TermStart[] = [];
  for (let lsn = log.firstLsn; lsn <= log.lastLsn; lsn++) {
    const term = log.at(lsn)!.term;
    if (termStarts.length === 0 || termStarts[termStarts.length - 1].term !== term) termStarts.push({ lsn, term });
  }
  return { type: 'diverged', term: primary.term, firstLsn: log.firstLsn, lastLsn: log.lastLsn, termStarts, values: primary.keys.values() };
}

