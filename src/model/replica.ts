import { TAG_APPLY, TAG_FLUSH } from './events.ts';
import type { ApplyDone, FlushDone } from './events.ts';
import type { LogMsg, ReadMsg } from './message.ts';
import type { ReadOp } from './ops.ts';
import type { DbNode } from './node.ts';
import type { World } from './world-api.ts';
import { ApplyDependencies } from './replica/apply-dependencies.ts';
import { RelayFlush } from './replica/relay-flush.ts';

/**
 * The replica's side: receive entries into the relay log in order, flush them, apply only
 * flushed entries (replica/relay-flush.ts) with `applyWorkers` workers that keep commit order
 * (1 = MySQL's single SQL thread or PostgreSQL's startup process, which always replays
 * serially; more = MySQL's multi-threaded applier, which starts an entry only when its
 * dependencies are applied: replica/apply-dependencies.ts), acknowledge positions when the
 * mode asks for it, serve reads, and resubscribe after a broken stream.
 */
export class ReplicaLogic {
  /**
   * Per node index: which of the entries being applied have finished. The entries in flight
   * are always the `node.applying` LSNs after `appliedLsn`, so a ring of `applyWorkers`
   * flags indexed by LSN says it all.
   */
  private finished: Uint8Array[] = [];
  /**
   * Per node index: the apply events, one per worker slot (LSN mod workers), reused once
   * they have left the queue. Nine replicas apply every write; allocating an event per
   * apply was a fifth of the benchmark's garbage.
   */
  private applyEvents: (ApplyDone | null)[][] = [];
  /** Per node index: its relay-log writer. */
  private readonly flushes: RelayFlush[] = [];
  /** Per node index: the parallel applier's dependency tracker (null with one worker). */
  private readonly deps: (ApplyDependencies | null)[] = [];
  /** Per node index (ackOn: flush): the newest flushed position acknowledged. */
  private readonly ackedFlushLsn: number[] = [];

  /** Standby status replies are on (monitor.standbyStatus): after each write, flush and (remote_apply) apply. */
  private readonly statusReplies: boolean;

  constructor(private readonly w: World) {
    this.statusReplies = w.config.monitor.standbyStatus;
    const flushEventsOn = w.ackOn === 'flush' || this.statusReplies;
    for (const node of w.nodes) {
      const workers = node.config.applyWorkers;
      this.finished.push(new Uint8Array(workers));
      this.applyEvents.push(new Array<ApplyDone | null>(workers).fill(null));
      // ackOn: flush and standby status replies need an event at the end of each flush, to
      // send them then; other modes pay no event for it.
      const flushEnded = flushEventsOn ? (endUs: number) => this.scheduleFlushDone(node, endUs) : null;
      this.flushes.push(new RelayFlush(node, node.flushSample, flushEnded));
      this.deps.push(workers > 1 ? new ApplyDependencies(w.config.replication.parallelism, w.config.keyCount, w.groups.length) : null);
      this.ackedFlushLsn.push(0);
    }
  }

  receiveLog(node: DbNode, from: DbNode, msg: LogMsg): void {
    const entry = msg.entry;
    this.w.connections.heardFromPrimary(from, node);
    // Not (or no longer) my primary: a stream opened by a subscribe sent before this node
    // turned elsewhere. The replica hangs up, as a client closes a connection it dropped.
    if (node.upstream !== from || node.role !== 'replica') return this.w.streams.close(from, node);
    // This end of the connection is closed (it timed out): what still arrives on it is discarded.
    if (!this.w.streams.isReceiving(from, node)) return;
    const last = node.log.lastLsn;
    if (entry.lsn <= last) return; // a duplicate from a resubscribe
    if (entry.lsn > last + 1) return this.streamBroken(from, node); // a gap: resubscribe
    node.log.append(entry);
    this.w.observer.entryReceived(node, entry, this.w.now);
    // The relay-log writer flushes what arrives whatever the applier is doing.
    this.flushes[node.index].durableAt(entry.lsn, this.w.now);
    if (this.w.ackOn === 'receive') this.sendAck(node, entry.lsn);
    // PostgreSQL's walreceiver replies once it has written what arrived, before the flush
    // (XLogWalRcvSendReply after XLogWalRcvWrite in walreceiver.c: a reply goes out whenever the
    // write or the flush position moved), so write_lag runs ahead of flush_lag by the flush.
    if (this.statusReplies) this.sendStatus(node);
    this.kickApplier(node);
  }

  /** A flush that ends at `endUs` was scheduled (ackOn: flush, standby status replies): its end is an event. */
  private scheduleFlushDone(node: DbNode, endUs: number): void {
    const ev: FlushDone = { time: endUs, node, lsn: node.log.lastLsn, incarnation: node.incarnation };
    this.w.queue.schedule(ev, endUs, TAG_FLUSH);
  }

  /** A crash finds what its flushes made durable so far (the rest of the relay log is lost). */
  settleFlush(node: DbNode): void {
    this.flushes[node.index].settle(this.w.now);
  }

  /**
   * A flush ended (scheduled only for ackOn: flush or standby status replies): acknowledge
   * what is durable now, and, as PostgreSQL's walreceiver does after each flush, tell the
   * primary where this standby stands.
   */
  flushDone(ev: FlushDone): void {
    const node = ev.node;
    if (ev.incarnation !== node.incarnation) return;
    this.flushes[node.index].settle(this.w.now);
    if (this.statusReplies) this.sendStatus(node);
    if (this.w.ackOn === 'flush' && node.flushedLsn > this.ackedFlushLsn[node.index]) {
      this.ackedFlushLsn[node.index] = node.flushedLsn;
      this.sendAck(node, node.flushedLsn);
    }
  }

  kickApplier(node: DbNode): void {
    if (!node.up || node.role !== 'replica') return;
    const w = this.w;
    if (w.now < node.applyStalledUntilUs) return; // the stall's end kicks it again
    const finished = this.finished[node.index];
    const events = this.applyEvents[node.index];
    const workers = finished.length;
    const deps = this.deps[node.index];
    const flush = this.flushes[node.index];
    let next = node.appliedLsn + node.applying + 1;
    while (node.applying < workers && next <= node.log.lastLsn) {
      const entry = node.log.at(next)!;
      let dependsOn = 0;
      if (deps !== null) {
        // The coordinator hands entries out in log order and waits while the next one's
        // dependency is not applied yet (applyDone kicks it again).
        dependsOn = deps.dependsOn(entry);
        if (dependsOn > node.appliedLsn) break;
        deps.dispatched(entry);
      }
      const slot = slotOf(next, workers);
      finished[slot] = 0;
      node.applying++;
      // Applied only once flushed here; a big transaction (its write's `cost`) takes longer
      // and, with commit order kept, holds back every entry behind it.
      const startUs = flush.durableAt(next, w.now);
      const time = startUs + node.applySample() + (entry.op.cost ?? 0);
      if (deps !== null) w.observer.applyStarted?.(node, entry, startUs, dependsOn, w.now);
      let ev = events[slot];
      // An event from before a crash or rollback may still be queued (it will be ignored when
      // it fires): that one must not be touched, so take a fresh one.
      if (ev === null || ev.queued) events[slot] = ev = { time, node, lsn: next, incarnation: node.incarnation, queued: true };
      else {
        ev.time = time;
        ev.lsn = next;
        ev.incarnation = node.incarnation;
        ev.queued = true;
      }
      w.queue.schedule(ev, time, TAG_APPLY);
      next++;
    }
  }

  applyDone(ev: ApplyDone): void {
    ev.queued = false;
    const node = ev.node;
    if (ev.incarnation !== node.incarnation) return;
    const slot = ev.lsn - node.appliedLsn - 1;
    if (slot < 0 || slot >= node.applying) return; // rolled back meanwhile
    const finished = this.finished[node.index];
    const workers = finished.length;
    finished[slotOf(ev.lsn, workers)] = 1;
    const appliedBefore = node.appliedLsn;
    // Commit order is preserved: an entry becomes visible only after every earlier one.
    while (node.applying > 0 && finished[slotOf(node.appliedLsn + 1, workers)] === 1) {
      const entry = node.log.at(node.appliedLsn + 1)!;
      finished[slotOf(entry.lsn, workers)] = 0;
      node.applying--;
      node.applyToData(entry);
      this.w.observer.entryApplied(node, entry, this.w.now);
      if (this.w.ackOn === 'apply') this.sendAck(node, entry.lsn);
    }
    // remote_apply: the startup process makes the walreceiver reply at once after replaying a
    // commit (WalRcvForceReply in xlogrecovery.c), so the primary learns of it without delay.
    if (this.w.ackOn === 'apply' && this.statusReplies && node.appliedLsn > appliedBefore) this.sendStatus(node);
    this.releaseWaiters(node);
    this.kickApplier(node);
  }

  /** A standby status reply: positions written (received), flushed and replayed here. */
  private sendStatus(node: DbNode): void {
    const primary = node.upstream;
    if (!primary || node.role !== 'replica') return;
    this.w.connections.repliedToPrimary(primary, node);
    this.w.send(node, primary, { type: 'standby-status', writeLsn: node.log.lastLsn, flushLsn: node.flushedLsn, applyLsn: node.appliedLsn, term: node.term });
  }

  /** Serves waiting reads whose token this node has now applied. */
  private releaseWaiters(node: DbNode): void {
    const waiting = this.waiting[node.index];
    if (!waiting || waiting.length === 0) return;
    const still: ReadOp[] = [];
    for (const op of waiting) {
      if (op.minVersion <= node.appliedVersion) {
        op.waitedUs = this.w.now - (op.heldSinceUs ?? this.w.now);
        this.serveRead(node, op);
      } else still.push(op);
    }
    this.waiting[node.index] = still;
  }

  /** Forgets in-progress applies (a crash or a rollback); the applier restarts from appliedLsn. */
  resetApplier(node: DbNode): void {
    this.finished[node.index].fill(0);
    node.applying = 0;
    node.flushing = false;
    this.flushes[node.index].reset();
    this.deps[node.index]?.reset();
    this.ackedFlushLsn[node.index] = node.flushedLsn;
  }

  private sendAck(node: DbNode, lsn: number): void {
    const primary = node.upstream;
    if (!primary) return;
    this.w.connections.repliedToPrimary(primary, node);
    this.w.send(node, primary, { type: 'repl-ack', lsn, term: node.term });
  }

  /**
   * A read that carries a session token (`minVersion`) the node has not applied yet is held
   * until the applier reaches it (MASTER_GTID_WAIT / WAIT_FOR_EXECUTED_GTID_SET). If it is still
   * held after `op.waitUs`, the node answers "timed out" and the client retries the read on the
   * primary (MaxScale causal_reads with a timeout).
   */
  receiveRead(node: DbNode, msg: ReadMsg): void {
    const op = msg.op;
    if (op.minVersion > node.appliedVersion) {
      const w = this.w;
      this.readWaiters(node).push(op);
      const heldAt = w.now;
      op.heldSinceUs = heldAt;
      const incarnation = node.incarnation;
      w.observer.readHeld?.(op, node, w.now);
      const waitUs = op.waitUs ?? Infinity;
      if (waitUs !== Infinity) {
        w.after(waitUs, () => {
          const list = this.waiting[node.index];
          const i = list ? list.indexOf(op) : -1;
          if (i < 0) return; // served meanwhile (or dropped by a restart)
          list.splice(i, 1);
          op.waitedUs = w.now - heldAt;
          if (incarnation !== node.incarnation) {
            w.observer.readFailed(op, 'held read lost: node restarted', w.now);
            return;
          }
          w.send(node, w.groups[op.groupIndex], { type: 'read-reply', op, outcome: 'wait-timeout' });
        });
      }
      return;
    }
    this.serveRead(node, op);
  }

  /** Reads waiting for a session token to be applied here. */
  readWaiters(node: DbNode): ReadOp[] {
    return (this.waiting[node.index] ??= []);
  }
  private waiting: ReadOp[][] = [];

  serveRead(node: DbNode, op: ReadOp): void {
    const w = this.w;
    op.version = node.keys.version(op.key);
    op.keySeq = node.keys.keySeq(op.key);
    op.servedBy = node.id;
    op.servedUs = w.now;
    w.observer.readServed(op, node, w.now);
    w.send(node, w.groups[op.groupIndex], { type: 'read-reply', op, outcome: 'served' });
  }

  /** The primary closed its end of the stream (it was demoted): if it is this replica's upstream, reconnect later. */
  streamClosed(replica: DbNode, primary: DbNode): void {
    if (replica.upstream === primary) this.scheduleResubscribe(replica);
  }

  /**
   * The stream from `primary` to `replica` has a gap: a cut dropped entries that TCP would
   * have retransmitted once it healed (the connection itself survives a cut shorter than its
   * timeouts). The replica asks again from its last entry at once, rather than after
   * `reconnect`, which real replicas wait only after a connection failed.
   */
  streamBroken(primary: DbNode, replica: DbNode): void {
    this.w.streams.close(primary, replica);
    this.connect(replica);
  }

  /**
   * The replica's connect loop, as MySQL's IO thread (MASTER_CONNECT_RETRY) or PostgreSQL's
   * walreceiver (wal_retrieve_retry_interval) run it: every `reconnect`, as long as it has no
   * live stream from its upstream, it subscribes again. The loop ends once a stream is open or
   * the node no longer wants one (down, promoted, detached); restart, repoint and every
   * detected break start it again, so a subscribe that is lost, ignored or refused is retried.
   */
  scheduleResubscribe(replica: DbNode): void {
    if (replica.reconnectPending) return;
    replica.reconnectPending = true;
    this.w.after(this.w.config.replication.reconnectUs, () => {
      replica.reconnectPending = false;
      if (!this.wantsStream(replica) || this.streaming(replica)) return;
      this.resubscribe(replica);
      this.scheduleResubscribe(replica);
    });
  }

  /** Subscribes now and keeps retrying until the stream is open (restart, repoint). */
  connect(replica: DbNode): void {
    this.resubscribe(replica);
    this.scheduleResubscribe(replica);
  }

  private wantsStream(replica: DbNode): boolean {
    const upstream = replica.upstream;
    return replica.up && replica.role === 'replica' && upstream !== null && upstream !== replica;
  }

  /** This replica's end of a connection from its upstream is open (the walreceiver is streaming). */
  private streaming(replica: DbNode): boolean {
    return replica.upstream !== null && this.w.streams.isReceiving(replica.upstream, replica);
  }

  /** Asks the upstream primary to stream from the position after the last one received. */
  resubscribe(replica: DbNode): void {
    if (!this.wantsStream(replica)) return;
    this.w.send(replica, replica.upstream!, { type: 'subscribe', lastLsn: replica.log.lastLsn, lastTerm: replica.lastTerm });
  }

  /**
   * The node this replica follows is no longer a primary (it was demoted while a repoint to
   * this replica was lost): ask the failover manager whom to follow; the loop keeps retrying.
   */
  subscribeRefused(replica: DbNode, from: DbNode): void {
    if (replica.upstream !== from) return;
    this.w.failover.askForPrimary(replica);
    this.scheduleResubscribe(replica);
  }
}

/** An applier's worker slot for `lsn`. Most appliers have one worker, and then no division. */
function slotOf(lsn: number, workers: number): number {
  return workers === 1 ? 0 : lsn % workers;
}
